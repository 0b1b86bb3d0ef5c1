/** The screens the e2e specs drive, by name, so that a spec says which one it means. */
export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** The everyday phone: a small Android held upright. */
export const PHONE = { width: 360, height: 740 } as const;
/** A small Android with little height: the tightest screen the app must fit. */
export const SMALL_PHONE = { width: 360, height: 640 } as const;
/** A current iPhone. */
export const COMMON_PHONE = { width: 390, height: 844 } as const;
/** The everyday laptop. */
export const LAPTOP = { width: 1366, height: 768 } as const;
/** A 13-inch laptop: narrower than LAPTOP, a little taller. */
export const LAPTOP_1280 = { width: 1280, height: 800 } as const;
