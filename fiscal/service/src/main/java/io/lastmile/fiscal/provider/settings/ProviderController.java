package io.lastmile.fiscal.provider.settings;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The payment providers and their settings. */
@RestController
class ProviderController {

    private final ProviderSettingsService settings;

    ProviderController(ProviderSettingsService settings) {
        this.settings = settings;
    }

    @RequiresPermission(Permissions.FISCAL_READ)
    @GetMapping("/api/v1/providers")
    List<ProviderView> list() {
        return settings.list();
    }

    @RequiresPermission(Permissions.FISCAL_READ)
    @GetMapping("/api/v1/providers/{provider}")
    ProviderView get(@PathVariable String provider) {
        return settings.view(provider);
    }

    @RequiresPermission(Permissions.FISCAL_WRITE)
    @PutMapping("/api/v1/providers/{provider}")
    ProviderView put(@PathVariable String provider, @RequestBody ProviderUpdate update) {
        return settings.update(provider, update);
    }
}
