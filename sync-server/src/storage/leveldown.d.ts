/** The parts of leveldown (abstract-leveldown 7) the key-value layer uses. */
declare module 'leveldown' {
  type Cb<T = void> = (err: Error | undefined | null, value?: T) => void;
  interface Iterator {
    next(cb: (err: Error | undefined | null, key?: string, value?: string) => void): void;
    end(cb: Cb): void;
  }
  /** A batch built one operation at a time (abstract-leveldown's chained form). */
  interface ChainedBatch {
    put(key: string, value: string): ChainedBatch;
    del(key: string): ChainedBatch;
    write(options: { sync?: boolean }, cb: Cb): void;
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
    batch(): ChainedBatch;
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
