package io.lastmile.base.cli;

import io.lastmile.base.ApplianceLocation;
import io.lastmile.base.config.InvalidConfigException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The Java half of ./lastmile: the commands that talk to a running appliance. */
public final class Cli {

    private static final String USAGE = """
            usage: lastmile-base.jar cli <command>
              wait [--timeout SECONDS]   wait until every enabled module is UP, then print the table
              status [--json]            the modules: name, url, status, pid, memory
              token                      an access token with operator-admin rights
              down                       stop base and every module, leaving no process behind
            """;

    private Cli() {}

    public static int run(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        try {
            ApplianceClient appliance = ApplianceClient.connect(ApplianceLocation.fromEnvironment());
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return switch (args[0]) {
                case "wait" -> new WaitCommand(appliance, out).run(timeout(rest));
                case "status" -> StatusTable.print(appliance.modules(), rest.contains("--json"), out);
                case "token" -> {
                    out.println(appliance.adminToken());
                    yield 0;
                }
                case "down" -> new DownCommand(appliance, out).run();
                default -> {
                    System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (InvalidConfigException | IllegalStateException e) {
            System.err.println("lastmile: " + e.getMessage());
            return 1;
        }
    }

    private static Duration timeout(List<String> args) {
        int i = args.indexOf("--timeout");
        return Duration.ofSeconds(i >= 0 && i + 1 < args.size() ? Long.parseLong(args.get(i + 1)) : 240);
    }
}
