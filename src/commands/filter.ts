// jn filter — placeholder until the filter language lands (issue 3).
import { EXIT, JnError } from '../util/exit.js';

export async function filterMain(args: string[]): Promise<number> {
  process.stderr.write(`args: ${JSON.stringify(args)}\n`);
  throw new JnError('not implemented yet', EXIT.GENERAL);
}
