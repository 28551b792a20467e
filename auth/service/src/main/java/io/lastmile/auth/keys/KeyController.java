package io.lastmile.auth.keys;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signing keys and their rotation; the security chain asks auth.admin. */
@RestController
@RequestMapping("/api/v1/keys")
class KeyController {

    private final SigningKeys keys;

    KeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @GetMapping
    List<SigningKeys.KeyView> list() {
        return keys.list();
    }

    @RequiresPermission(Permissions.AUTH_ADMIN)
    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    SigningKeys.KeyView rotate() {
        return keys.rotate();
    }
}
