import type { ExportTable } from '@stallkeeper/shared';
import { deviceValue, setDeviceValue } from '../session/device.ts';
import { downloadCsv, type CsvOptions } from './csv.ts';

/** One file a list can export, made when chosen (from the list's current filters). */
export interface ExportChoice {
  /** what the menu calls it: "Orders, one row per order" */
  label: string;
  /** which rows go in: "Every order the filters let through." (else the menu's note) */
  note?: string;
  make: () => Promise<ExportTable>;
}

/** Whether this device last asked for files for Excel (kept per device). */
const BOM_KEY = 'export.bom';

export type Download = (table: ExportTable, options: CsvOptions) => Promise<void>;

/**
 * The export menu of a list: which file, whether it is for Excel, and making it
 * on the device (busy while it is made; a failure is said in the menu).
 */
export class ExportMenu {
  open = $state(false);
  /** index into the choices */
  chosen = $state(0);
  bom = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(
    private readonly choices: () => readonly ExportChoice[],
    private readonly download: Download = downloadCsv,
  ) {}

  /** Open the menu with this device's last Excel choice. */
  async show(): Promise<void> {
    this.error = null;
    if (this.chosen >= this.choices().length) this.chosen = 0;
    this.bom = (await deviceValue<boolean>(BOM_KEY).catch(() => undefined)) ?? false;
    this.open = true;
  }

  /** Make the chosen file and hand it to the device; the menu closes when it is saved. */
  async run(): Promise<void> {
    const choice = this.choices()[this.chosen];
    if (!choice || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await setDeviceValue(BOM_KEY, this.bom).catch(() => undefined);
      await this.download(await choice.make(), { bom: this.bom });
      this.open = false;
    } catch (err) {
      this.error = `The file could not be made${err instanceof Error && err.message ? `: ${err.message}` : ''}. Try again.`;
    } finally {
      this.busy = false;
    }
  }
}
