import type { ShopDb } from '../storage/shop-db.ts';
import {
  allocationDoc,
  emptyEngine,
  heldOnline,
  onlineAvailable,
  type OnlineProduct,
  HybridClock,
  type AlertDecision,
  type Alert,
  type AllocDecision,
  type EngineState,
  type MailRequest,
} from '@stallkeeper/shared';
import type { Logger } from '../log.ts';
import { AuditChain, GENESIS, type ChainHead } from './audit-chain.ts';
import { writeAlerts, writeDecisions } from './decision-docs.ts';
import { BYTES_PER_PART, EngineBudget, type EngineHolder } from './engine-budget.ts';
import { TrackedEngine } from './engine-parts.ts';
import { readEngine, readPosition, saveDue, writeSaved, type Head } from './saved-state.ts';
import { processDoc } from './process-doc.ts';

const BATCH = 200;
/** A quiet engine leaves memory after this long at least (its shop may stay loaded for a live feed). */
const ENGINE_REST_MS = 30_000;
/** Reading an engine back, per part, until one has been read and timed (measured: about 10 µs). */
const LOAD_MS_PER_PART = 0.01;

/** What else follows a shop's new documents through the resolver (each handed over once per arrival). */
export interface ResolverHooks {
  /** a new request to email a customer (the mail desk queues it) */
  mailRequested?: (shopId: string, doc: MailRequest) => Promise<void>;
  /** an alert the resolver has just stored (owners may be emailed) */
  alertRaised?: (shopId: string, alert: Alert) => Promise<void>;
}

/**
 * One shop's resolver: follows the shop's changes feed in arrival order from a
 * persisted checkpoint and is the only writer of allocation and alert documents.
 * It also merges conflicted documents and seals audit entries into the hash chain.
 */
export class ShopResolver implements EngineHolder {
  /** the engine's state in memory; null while the saved parts say it all (see #rest) */
  #tracked: TrackedEngine | null = null;
  #loading: Promise<{ engine: TrackedEngine; parts: number }> | null = null;
  #restTimer: ReturnType<typeof setTimeout> | null = null;
  /** the engine's size in parts, about: as read back, plus a part per document decided since */
  #parts = 0;
  /** how long reading the engine back took per part, once timed */
  #loadMsPerPart = LOAD_MS_PER_PART;
  /** an older server's whole snapshot is still stored: the first save removes it */
  #legacy = false;
  #chain: ChainHead = GENESIS;
  #seq: number | string = 0;
  #unsubscribe: (() => void) | null = null;
  #running = false;
  #stopped = false;
  #pending = false;
  #lastSaveMs = 0;
  #lastSave = 0;
  #idle: Promise<void> = Promise.resolve();
  readonly #clock = new HybridClock('server');
  readonly #chainStore: AuditChain;

  constructor(
    readonly shopId: string,
    private readonly db: ShopDb,
    system: PouchDB.Database,
    private readonly log: Logger,
    private readonly hooks: ResolverHooks = {},
    /** shared by the process's resolvers (an unbounded one of its own by default) */
    private readonly engines = new EngineBudget(Infinity),
  ) {
    this.#chainStore = new AuditChain(system, shopId);
  }

  async start(): Promise<void> {
    // Only the position is read now: a shop opened for a request with nothing new to
    // decide never loads the engine (its parts are read on the first decision).
    const saved = await readPosition(this.db);
    this.#tracked = null;
    if (saved.from === 'head') {
      this.#chain = saved.head.chain;
      this.#seq = saved.head.seq;
    } else if (saved.from === 'snapshot') {
      // saved whole by an older server: every part is written at the first save
      this.#use(new TrackedEngine(saved.snapshot.engine, true));
      this.#legacy = true;
      this.#chain = saved.snapshot.chain;
      this.#seq = saved.snapshot.seq;
    } else {
      // Decisions are deterministic and never rewritten: replaying from the start
      // rebuilds the same state.
      this.#use(new TrackedEngine(emptyEngine()));
    }
    this.#stopped = false;
    // the resolver follows its shop while loaded; it never keeps it loaded
    this.#unsubscribe = this.db.subscribe(() => this.kick(), undefined, { keepsOpen: false });
    this.kick();
  }

  #use(tracked: TrackedEngine): void {
    this.#tracked = tracked;
    this.#parts = 0;
  }

  /** Whether the engine's state is in memory (for tests and the benchmarks). */
  get engineLoaded(): boolean {
    return this.#tracked !== null;
  }

  /** The engine, read from its saved parts if it is not in memory. */
  async #engine(): Promise<EngineState> {
    if (this.#tracked) return this.#tracked.state;
    this.#loading ??= this.engines
      .readBack(() => readEngine(this.db))
      .then((read) => {
        if (read.parts > 1000) this.#loadMsPerPart = read.ms / read.parts;
        this.log.info('resolver engine read back', {
          shopId: this.shopId,
          parts: read.parts,
          ms: read.ms,
        });
        return read;
      })
      .finally(() => (this.#loading = null));
    const loaded = await this.#loading;
    if (!this.#tracked) {
      this.#tracked = loaded.engine;
      this.#parts = loaded.parts;
    }
    this.engines.used(this, this.#parts * BYTES_PER_PART);
    return this.#tracked.state;
  }

  /** The budget's request (engine-budget.ts): rest now unless busy. */
  restNow(): boolean {
    if (this.#stopped || this.#running || !this.#tracked) return false;
    if (this.#restTimer) clearTimeout(this.#restTimer);
    this.#rest();
    return true;
  }

  /**
   * After a quiet spell the engine leaves memory: saved first, and only if nothing
   * ran meanwhile, so the parts on disk are exactly the state. A busy shop keeps it.
   */
  #restLater(): void {
    if (this.#restTimer) clearTimeout(this.#restTimer);
    // a big shop's engine takes a while to read back (4 s of CPU at 100,000 orders): it
    // rests only after quiet a thousand times that long, so reading it back costs at
    // most 0.1 % of the time; memory stays bounded by the engines' budget meanwhile. An
    // engine built by deciding, never read back, is timed by its size.
    const loadMs = this.#parts * this.#loadMsPerPart;
    this.#restTimer = setTimeout(() => this.#rest(), Math.max(ENGINE_REST_MS, loadMs * 1000));
    this.#restTimer.unref();
  }

  #rest(): void {
    if (this.#stopped || this.#running || !this.#tracked) return;
    this.#running = true; // one at a time with the drains: saves never interleave
    this.#idle = this.#save(true)
      .then((saved) => {
        if (saved && !this.#pending && this.#tracked?.pending === 0) {
          this.#tracked = null;
          this.engines.released(this);
          this.log.info('resolver engine rested', { shopId: this.shopId, parts: this.#parts });
        }
      })
      .finally(() => {
        this.#running = false;
        if (this.#pending && !this.#stopped) {
          this.#pending = false;
          this.kick();
        }
      });
  }

  /** Deciding (or about to): a stop now waits until it is done. */
  get busy(): boolean {
    return this.#running || this.#pending;
  }

  /** Process whatever has arrived; coalesces concurrent kicks. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#pending = true;
      return;
    }
    this.#running = true;
    this.#idle = this.#drain()
      .catch((err: unknown) =>
        this.log.error('resolver failed', { shopId: this.shopId, err: String(err) }),
      )
      .finally(() => {
        this.#running = false;
        if (this.#pending && !this.#stopped) {
          this.#pending = false;
          this.kick();
        } else if (!this.#stopped) {
          this.#restLater();
        }
      });
  }

  /**
   * Stock on hand per product (base units) once everything that has arrived is
   * processed: the engine's ledger is shared/stock.ts's stock on hand.
   */
  async onHand(): Promise<ReadonlyMap<string, number>> {
    await this.idle();
    return new Map(Object.entries((await this.#engine()).ledger));
  }

  /**
   * What a new online order may take of each product (shared/online-stock.ts), once
   * everything that has arrived is processed. The caller holds the shop's checkout
   * turn until its order is processed too, so two checkouts never count the same units.
   */
  async onlineAvailable(products: readonly OnlineProduct[]): Promise<Map<string, number>> {
    await this.idle();
    const engine = await this.#engine();
    const held = heldOnline(engine);
    return new Map(products.map((p) => [p._id, onlineAvailable(engine, p, held)]));
  }

  /** Resolves when everything that has arrived so far is processed. */
  async idle(): Promise<void> {
    do {
      await this.#idle;
    } while (this.#running || this.#pending);
  }

  /**
   * Stop after what is running, and save. False when the final save failed: the
   * shop then replays from its last saved position on the next start (nothing is
   * decided twice), and the caller says so.
   */
  async stop(): Promise<boolean> {
    this.#stopped = true;
    if (this.#restTimer) clearTimeout(this.#restTimer);
    this.#unsubscribe?.();
    await this.#idle.catch(() => undefined);
    const saved = await this.#save(true);
    this.engines.released(this);
    return saved;
  }

  async verifyAudit() {
    await this.idle();
    return this.#chainStore.verify(this.db);
  }

  async #drain(): Promise<void> {
    for (;;) {
      const page = await this.db.changes({
        since: this.#seq,
        limit: BATCH,
        include_docs: true,
        conflicts: true,
      });
      // A whole page is decided, then written in one go, then checkpointed: a crash
      // in between replays the page, and replayed decisions are already on disk.
      const decisions: AllocDecision[] = [];
      const alerts: AlertDecision[] = [];
      let decided = 0;
      // the engine is read back only for a document it decides on (not for the
      // resolver's own decisions coming back through the feed, nor audit entries)
      const engine = () => (decided++, this.#engine());
      for (const change of page.results) {
        const out = await processDoc(
          {
            db: this.db,
            shopId: this.shopId,
            log: this.log,
            mailRequested: this.hooks.mailRequested,
            seal: async (audit) => {
              this.#chain = await this.#chainStore.seal(this.#chain, audit);
            },
          },
          engine,
          change.doc,
        );
        if (out) {
          decisions.push(...out.decisions);
          alerts.push(...out.alerts);
        }
        this.#seq = change.seq;
      }
      if (decided) {
        this.#parts += decided;
        this.engines.used(this, this.#parts * BYTES_PER_PART);
      }
      await writeDecisions(this.db, decisions.map(allocationDoc));
      await writeAlerts(this.db, alerts, this.#clock, (alert) => this.#raised(alert));
      // Caught up, it saves now: a save the throttle put off during a long catch-up
      // (84 MB at 100,000 orders) would otherwise land on the next sale's decision.
      const caughtUp = page.results.length < BATCH;
      await this.#save(caughtUp);
      if (caughtUp || this.#stopped) break;
    }
  }

  /** An alert stored just now: owners may be told (a failure to tell is logged only). */
  async #raised(alert: Alert): Promise<void> {
    await this.hooks
      .alertRaised?.(this.shopId, alert)
      .catch((err: unknown) =>
        this.log.error('alert notice failed', { error: (err as Error).message }),
      );
  }

  async #save(force: boolean): Promise<boolean> {
    const tracked = this.#tracked;
    if (!tracked) return true; // nothing decided since the parts were saved
    const now = Date.now();
    if (!force && !saveDue(now, this.#lastSave, this.#lastSaveMs)) return true;
    this.#lastSave = now;
    const head: Head = {
      seq: this.#seq,
      chain: this.#chain,
      lowDefault: tracked.lowDefault,
      version: 2,
    };
    const changes = tracked.takeChanges();
    try {
      await writeSaved(this.db, head, changes, this.#legacy);
      this.#legacy = false;
      this.#lastSaveMs = Date.now() - now;
      return true;
    } catch (err) {
      // what this save carried is due again: the next one writes every part
      tracked.markAll();
      this.log.error('resolver could not save its state; it will replay from its last save', {
        shopId: this.shopId,
        err: String(err),
      });
      return false;
    }
  }
}
