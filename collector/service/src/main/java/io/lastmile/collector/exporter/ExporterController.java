package io.lastmile.collector.exporter;

import static io.lastmile.collector.db.Tables.EXPORTER;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The flow exporters (routers) the collector knows. */
@RestController
class ExporterController {

    private final ExporterRepository exporters;

    ExporterController(ExporterRepository exporters) {
        this.exporters = exporters;
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/exporters")
    List<ExporterView> list() {
        return exporters.all();
    }

    record ExporterView(long id, String name, String address, boolean enabled) {}

    @Repository
    static class ExporterRepository {
        private final DSLContext db;

        ExporterRepository(DSLContext db) {
            this.db = db;
        }

        List<ExporterView> all() {
            return db.selectFrom(EXPORTER)
                    .orderBy(EXPORTER.NAME)
                    .fetch(r -> new ExporterView(r.getId(), r.getName(), r.getAddress(), r.getEnabled()));
        }

        /** Adds the addresses not known yet, each named by its address; returns how many were new. */
        int addDiscovered(Collection<String> addresses, OffsetDateTime at) {
            if (addresses.isEmpty()) {
                return 0;
            }
            var insert = db.insertInto(EXPORTER, EXPORTER.NAME, EXPORTER.ADDRESS, EXPORTER.DISCOVERED_AT);
            for (String address : addresses) {
                insert = insert.values(address, address, at);
            }
            return insert.onConflict(EXPORTER.ADDRESS).doNothing().execute();
        }
    }
}
