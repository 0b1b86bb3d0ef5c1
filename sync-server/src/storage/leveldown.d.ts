/** The parts of leveldown (abstract-leveldown 7) the key-value layer uses. */
declare module 'leveldown' {
  type Cb<T = void> = (err: Error | undefined | null, value?: T) => void;
  interface Iterator {
    next(cb: (err: Error | undefined | null, key?: string, value?: string) => void): void;
    end(cb: Cb): void;
  }
  interface LevelDown {
    open(
      options: {
        createIfMissing?: boolean;
        cacheSize?: number;
        writeBufferSize?: number;
        maxOpenFiles?: number;
      },
      cb: Cb,
    ): void;
    close(cb: Cb): void;
    compactRange(start: string, end: string, cb: Cb): void;
    get(key: string, options: { asBuffer: boolean }, cb: Cb<string>): void;
    getMany(keys: string[], options: { asBuffer: boolean }, cb: Cb<(string | undefined)[]>): void;
    batch(
      ops: ({ type: 'put'; key: string; value: string } | { type: 'del'; key: string })[],
      options: { sync?: boolean },
      cb: Cb,
    ): void;
    iterator(options: {
      gte?: string;
      lt?: string;
      reverse?: boolean;
      values?: boolean;
      keyAsBuffer?: boolean;
      valueAsBuffer?: boolean;
    }): Iterator;
  }
  function leveldown(location: string): LevelDown;
  export default leveldown;
}
