export * from './format.js';
export { snapshotBody, inventoryFromBody, VOLATILE_FIELDS } from './body.js';
export { canonicalJson, canonicalize } from './canonical.js';
export {
  createSnapshot,
  parseSnapshot,
  readSnapshot,
  redactionKeyCheck,
  serializeSnapshot,
  snapshotDiffers,
  snapshotTime,
  toolVersion,
  type SnapshotOptions,
} from './file.js';
