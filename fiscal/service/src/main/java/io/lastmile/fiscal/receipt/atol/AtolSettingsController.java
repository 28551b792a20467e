package io.lastmile.fiscal.receipt.atol;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** ATOL Online's settings, for administrators: the password is write-only ({@code passwordSet}). */
@RestController
class AtolSettingsController {

    private final AtolSettingsService settings;

    AtolSettingsController(AtolSettingsService settings) {
        this.settings = settings;
    }

    @RequiresPermission(Permissions.FISCAL_WRITE)
    @GetMapping("/api/v1/fiscal/atol")
    AtolSettingsView get() {
        return settings.view();
    }

    @RequiresPermission(Permissions.FISCAL_WRITE)
    @PutMapping("/api/v1/fiscal/atol")
    AtolSettingsView put(@RequestBody(required = false) AtolSettingsUpdate update, Authentication caller) {
        if (update == null) {
            throw InvalidRequestException.of("body", "send the settings to change as a JSON object");
        }
        return settings.update(update, caller == null ? null : caller.getName());
    }
}
