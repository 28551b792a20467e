package io.lastmile.base.cli;

import io.lastmile.platform.registry.ModuleView;
import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The module table of `./lastmile status` and `./lastmile up`, or the same as JSON. */
final class StatusTable {

    private static final String ROW = "%-11s %-27s %-9s %8s %8s%n";

    private StatusTable() {}

    static int print(List<ModuleView> modules, boolean json, PrintStream out) {
        if (json) {
            out.println(JsonMapper.builder()
                    .build()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(modules));
            return 0;
        }
        out.printf(ROW, "MODULE", "URL", "STATUS", "PID", "RSS MB");
        long total = 0;
        for (ModuleView m : modules) {
            out.printf(ROW, m.name(), m.url(), m.status(), dash(m.pid()), dash(m.rssMb()));
            total += m.rssMb() == null ? 0 : m.rssMb();
        }
        out.printf(ROW, "", "", "", "total", total);
        return 0;
    }

    private static String dash(Long value) {
        return value == null ? "-" : value.toString();
    }
}
