package io.lastmile.billing.provisioning.store;

import io.lastmile.billing.api.provisioning.StoredValueView;
import io.lastmile.billing.subscription.UserServiceScope;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What provisioning stored for a user service, for operators and (through the cabinet) the
 * subscriber: the names, and each value as text. The generated password is {@code password}.
 */
@RestController
class ServiceStorageController {

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final PostgresServiceStore store;
    private final UserServiceScope scope;

    ServiceStorageController(PostgresServiceStore store, UserServiceScope scope) {
        this.store = store;
        this.scope = scope;
    }

    @RequiresPermission({Permissions.PROVISIONING_READ, Permissions.SELF})
    @GetMapping("/api/v1/user-services/{id}/storage")
    List<StoredValueView> list(@PathVariable long id) {
        scope.require(id);
        return store.list(id);
    }

    /** The value as UTF-8 text, exactly as stored; never cached, since values are often secrets. */
    @RequiresPermission({Permissions.PROVISIONING_READ, Permissions.SELF})
    @GetMapping("/api/v1/user-services/{id}/storage/{name}")
    ResponseEntity<String> value(@PathVariable long id, @PathVariable String name) {
        scope.require(id);
        String value = store.read(id, name)
                .orElseThrow(() -> new NotFoundException("nothing is stored as '" + name + "' for user service " + id));
        return ResponseEntity.ok()
                .contentType(TEXT)
                .cacheControl(CacheControl.noStore())
                .body(value);
    }
}
