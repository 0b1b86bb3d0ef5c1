import { Workbox } from 'workbox-window';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Service worker registration, the "new version" prompt and the install button. */
class Pwa {
  updateReady = $state(false);
  canInstall = $state(false);
  #wb: Workbox | null = null;
  #installEvent: BeforeInstallPromptEvent | null = null;
  #updateRequested = false;

  /** Once per page; later calls do nothing. */
  register(): void {
    if (this.#wb || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
    const wb = new Workbox('/service-worker.js', { type: 'module' });
    wb.addEventListener('waiting', () => {
      this.updateReady = true;
    });
    wb.addEventListener('controlling', (event) => {
      // `isUpdate` is false when this page loaded without a worker (first visit),
      // so also reload when the user asked for the update here.
      if (event.isUpdate || this.#updateRequested) location.reload();
    });
    void wb.register().then(() => this.#claim());
    this.#wb = wb;
    addEventListener('beforeinstallprompt', (e) => {
      e.preventDefault();
      this.#installEvent = e as BeforeInstallPromptEvent;
      this.canInstall = true;
    });
    addEventListener('appinstalled', () => {
      this.canInstall = false;
    });
  }

  /**
   * A page that loaded while the first worker was activating can miss its claim and
   * stay uncontrolled: offline, its lazily loaded screens would not load. Ask again.
   */
  async #claim(): Promise<void> {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) reg.active?.postMessage({ type: 'CLAIM' });
  }

  applyUpdate(): void {
    this.#updateRequested = true;
    this.#wb?.messageSkipWaiting();
  }

  async install(): Promise<void> {
    const e = this.#installEvent;
    if (!e) return;
    await e.prompt();
    await e.userChoice;
    this.#installEvent = null;
    this.canInstall = false;
  }
}

export const pwa = new Pwa();
