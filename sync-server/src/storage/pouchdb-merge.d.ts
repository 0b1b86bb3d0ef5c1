/** Types for the parts of pouchdb-merge (PouchDB's own revision-tree algorithms) we use. */
declare module 'pouchdb-merge' {
  export interface RevOpts {
    status?: 'available' | 'missing';
    deleted?: boolean;
  }
  /** [revision hash, options, children] */
  export type RevNode = [string, RevOpts, RevNode[]];
  export interface RevPath {
    pos: number;
    ids: RevNode;
  }
  export type RevTree = RevPath[];
  export interface Metadata {
    rev_tree: RevTree;
  }
  export function merge(
    tree: RevTree,
    path: RevPath,
    depth: number,
  ): {
    tree: RevTree;
    stemmedRevs: string[];
    conflicts: 'new_leaf' | 'new_branch' | 'internal_node';
  };
  export function winningRev(metadata: Metadata): string;
  export function collectLeaves(tree: RevTree): { rev: string; opts: RevOpts }[];
  export function isDeleted(metadata: Metadata, rev?: string): boolean;
  export function revExists(tree: RevTree, rev: string): boolean;
  export function latest(rev: string, metadata: Metadata): string;
  export function traverseRevTree<C>(
    tree: RevTree,
    callback: (isLeaf: boolean, pos: number, id: string, ctx: C | undefined, opts: RevOpts) => C,
  ): void;
}
