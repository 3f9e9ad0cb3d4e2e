import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on one construct (and its children). Keys are rule ids, with the
 * finding in brackets for rules that report several (`AwsSolutions-IAM5[Resource::*]`); values
 * are the reason, which the validation report keeps next to the acknowledgement.
 */
export function acknowledge(construct: IConstruct, reasons: Record<string, string>): void {
  Validations.of(construct).acknowledge(...Object.entries(reasons).map(([id, reason]) => ({ id, reason })));
}
