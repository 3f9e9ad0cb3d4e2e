import type { Inventory } from '../model/index.js';
import type { Progress } from '../model/progress.js';
import type { AccountTarget } from './aws/accounts.js';
import type { OrganizationSelection } from './aws/organizations.js';
import type { ScopeSelectors } from '../model/index.js';

/** `--parameter`, `--parameters` and `--stack-name` for template inputs. */
export interface TemplateSourceOptions {
  parameters?: string[];
  parameterFiles?: string[];
  stackName?: string;
}

export type SourceSpec =
  | {
      kind: 'aws';
      regions: string[];
      /** The one account's profile, or (with `targets`) the base profile roles are assumed from. */
      profile?: string;
      /** Several accounts (or roles): each walked with its own credentials, merged (sources/aws/accounts.ts). */
      targets?: AccountTarget[];
      /** `--org`: the organization's active accounts too. */
      org?: OrganizationSelection;
      orgRoleSettings?: { externalId?: string; sessionName?: string };
      endpointUrl?: string;
      concurrency?: number;
      signal?: AbortSignal;
      /** Asked for the code when a profile's `mfa_serial` requires one. */
      mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
      /** The selectors: a scoped walk reads what they name and what that uses (aws/scoped-walk.ts). */
      selectors?: ScopeSelectors;
    }
  | { kind: 'template'; path: string; paths?: string[]; options?: TemplateSourceOptions }
  | { kind: 'snapshot'; path: string }
  | { kind: 'recorded-account' };

/** Loads the inventory from the chosen source; each source module is imported only when used. */
export async function loadInventory(spec: SourceSpec, progress: Progress): Promise<Inventory> {
  switch (spec.kind) {
    case 'aws': {
      if (spec.targets !== undefined || spec.org !== undefined) {
        const { collectAccounts } = await import('./aws/accounts.js');
        return collectAccounts({ ...spec, targets: spec.targets ?? [], progress });
      }
      const { collectAwsInventory } = await import('./aws/index.js');
      return collectAwsInventory({ ...spec, progress });
    }
    case 'recorded-account': {
      const { loadRecordedAccountInventory } = await import('./recorded-account.js');
      return loadRecordedAccountInventory(progress);
    }
    case 'template': {
      const { loadTemplateInventory } = await import('./template/index.js');
      return loadTemplateInventory(spec.paths ?? [spec.path], progress, spec.options ?? {});
    }
    case 'snapshot': {
      const { loadSnapshotInventory } = await import('./snapshot/index.js');
      return loadSnapshotInventory(spec.path);
    }
  }
}
