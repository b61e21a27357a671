package ru.tsur.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tsur}: the command line of Pulse. One class per subcommand in this package. */
@Command(name = "tsur", mixinStandardHelpOptions = true, version = "Pulse 0.1.0",
        description = "Pulse — the pipeline of a regional management centre (ЦУР).",
        subcommands = {
                DemoCommand.class,
                AnalyzeCommand.class,
                GenerateCommand.class,
                RunCommand.class,
                ClassifyCommand.class,
                EvalCommand.class,
                ReportCommand.class,
                CompactCommand.class,
                EvalDedupCommand.class,
        })
public final class Tsur implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Tsur()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        System.exit(code);
    }
}
