import type { Command } from 'commander';
import type { CodedOutput } from './answer.ts';
import type { CliIo } from './io.ts';

/** Where and how a command's answer is written: every command has `-o` and `--pretty`. */
export interface AnswerSettings {
  /** Output file; undefined writes stdout. */
  readonly output: string | undefined;
  readonly pretty: boolean;
}

/**
 * One `tournee <name>` command, as its file in `commands/` declares it: commander's
 * definition, the settings drawn from the parsed options, and the work.
 */
export interface CommandSpec<Options, Config extends AnswerSettings> {
  /** The word after `tournee`. */
  readonly name: string;
  /** Adds the description, the options and the help text to the subcommand `name`. */
  readonly declare: (command: Command) => Command;
  /** The command's settings from commander's parsed options. */
  readonly configure: (options: Options) => Config;
  /** Reads the input, does the work, answers with VROOM's `code`. Should not throw: `main` turns a throw into exit 1. */
  readonly run: (config: Config, io: CliIo) => Promise<CodedOutput>;
}

/** A command with its settings chosen, ready to run. */
export interface PreparedCommand {
  readonly name: string;
  readonly config: AnswerSettings;
  readonly run: (io: CliIo) => Promise<CodedOutput>;
}

/** A command as `tournee.ts` registers it: its types erased, so that one list holds them all. */
export interface CliCommand {
  readonly name: string;
  readonly declare: (command: Command) => Command;
  readonly prepare: (options: unknown) => PreparedCommand;
}

export function defineCommand<Options, Config extends AnswerSettings>(spec: CommandSpec<Options, Config>): CliCommand {
  return {
    name: spec.name,
    declare: spec.declare,
    prepare: (options) => {
      const config = spec.configure(options as Options);
      return { name: spec.name, config, run: (io) => spec.run(config, io) };
    },
  };
}
