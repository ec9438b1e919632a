// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A problem that stops start-up. Its message is one line per problem, each
 * naming the plugin (or "core"), so an administrator knows whom to blame.
 */
export class StartupError extends Error {
  readonly problems: readonly { readonly owner: string; readonly message: string }[];

  constructor(problems: readonly { owner: string; message: string }[]) {
    super(problems.map((p) => (p.owner === 'core' ? p.message : `plugin "${p.owner}": ${p.message}`)).join('\n'));
    this.name = 'StartupError';
    this.problems = problems;
  }

  static of(owner: string, message: string): StartupError {
    return new StartupError([{ owner, message }]);
  }
}
