import { describe, expect, it } from 'vitest';
import { topologyTables } from '../../../src/render/views.js';
import { arnResourceName } from '../../../src/model/index.js';
import { shopInventory } from '../../fixtures/model/shop-account.js';
import { topologyOf } from '../tables-fixtures.js';

describe('ALB LISTENER RULES', () => {
  it('names a rule under a listener another stack exports by the import, not an empty cell', () => {
    const inventory = shopInventory();
    const rule = inventory.listenerRules[0]!;
    rule.priority = 7;
    rule.listenerArn = '${Import:production:PrivateListener}';
    rule.arn = '${Import:production:PrivateListener}/LoadBalancerRule';
    const table = topologyTables(topologyOf(inventory)).find((view) => view.id === 'alb-listener-rules')!;
    const row = table.rows.find((cells) => cells[2] === '7')!;
    expect(row.slice(0, 2)).toEqual(['${Import:production:PrivateListener}', 'LoadBalancerRule']);
  });

  it('reads an ARN by its resource name and anything else by its last part or whole', () => {
    expect(arnResourceName('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee')).toBe('9683b2d02a6cabee');
    expect(arnResourceName('${Import:shared:Listener}')).toBe('${Import:shared:Listener}');
    expect(arnResourceName('${Import:shared:Listener}/Rule')).toBe('Rule');
    expect(arnResourceName('${Import:a/b}')).toBe('${Import:a/b}');
  });
});
