import { describe, expect, it } from 'vitest';
import { isMacroVariable, MACRO_VARIABLE_NAMES, parseTemplate, variablesOf } from '../../src/api/macros.js';

describe('macro templates', () => {
  it('knows exactly the eight variables of the desk', () => {
    expect(MACRO_VARIABLE_NAMES).toEqual(['customer.name', 'account.id', 'transaction.id', 'complaint.number', 'agent.name', 'incident.title', 'incident.eta', 'incident.update']);
    expect(isMacroVariable('customer.name')).toBe(true);
    expect(isMacroVariable('customer')).toBe(false);
    expect(isMacroVariable('toString')).toBe(false);
  });

  it('splits a body into text and variables, spaces inside the braces allowed', () => {
    expect(parseTemplate('Hi {{customer.name}}, payment {{ transaction.id }} 失败 🙏').parts).toEqual([
      { text: 'Hi ' },
      { variable: 'customer.name' },
      { text: ', payment ' },
      { variable: 'transaction.id' },
      { text: ' 失败 🙏' },
    ]);
    expect(parseTemplate('{{agent.name}}').parts).toEqual([{ variable: 'agent.name' }]);
    expect(parseTemplate('no variables').problems).toEqual([]);
  });

  it('names an unknown variable, and lists the known ones', () => {
    const { problems } = parseTemplate('Hi {{customer.nmae}} and {{agent.name}} and {{ }}');
    expect(problems.map((p) => [p.kind, p.name])).toEqual([
      ['unknown_variable', 'customer.nmae'],
      ['unknown_variable', ''],
    ]);
    expect(problems[0]!.message).toBe(
      '{{customer.nmae}} is not a known variable; use one of {{customer.name}}, {{account.id}}, {{transaction.id}}, {{complaint.number}}, {{agent.name}}, {{incident.title}}, {{incident.eta}}, {{incident.update}}',
    );
  });

  it('refuses unbalanced braces rather than letting them reach a customer', () => {
    expect(parseTemplate('Hi {{customer.name}, welcome').problems).toEqual([
      { kind: 'malformed', name: 'Hi {{customer.name}, we', message: 'has a "{{" without its closing "}}" near "Hi {{customer.name}, we"' },
    ]);
    expect(parseTemplate('Hi customer.name}} ok').problems[0]).toMatchObject({ kind: 'malformed', message: expect.stringContaining('"}}" without its opening "{{"') });
    expect(parseTemplate('{{customer.name}} {{').problems).toHaveLength(1);
    // Single braces are ordinary text.
    expect(parseTemplate('{"a": 1} {x}').problems).toEqual([]);
  });

  it('lists the distinct variables in order of first use', () => {
    expect(variablesOf('{{account.id}} {{customer.name}} {{account.id}}')).toEqual(['account.id', 'customer.name']);
  });
});
