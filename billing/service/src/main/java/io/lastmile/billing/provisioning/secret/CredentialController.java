package io.lastmile.billing.provisioning.secret;

import io.lastmile.billing.api.provisioning.CredentialView;
import io.lastmile.billing.api.provisioning.NewCredential;
import io.lastmile.billing.api.provisioning.NewKeyPair;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The operator's credentials: SSH keys, passwords and tokens that servers name in their
 * {@code credentialsRef}. Secrets go in and never come out.
 */
@RestController
@RequestMapping("/api/v1/provisioning/credentials")
class CredentialController {

    private final Credentials credentials;

    CredentialController(Credentials credentials) {
        this.credentials = credentials;
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping
    List<CredentialView> list() {
        return credentials.list();
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping("/{name}")
    CredentialView get(@PathVariable String name) {
        return credentials.get(name);
    }

    /** 201 when the name is new, 200 when it replaced a credential. */
    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PutMapping("/{name}")
    ResponseEntity<CredentialView> put(
            @PathVariable String name, @RequestBody NewCredential request, Authentication caller) {
        Credentials.Stored stored = credentials.put(name, request, caller.getName());
        return stored.created()
                ? ResponseEntity.created(location(name)).body(stored.view())
                : ResponseEntity.ok(stored.view());
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping("/{name}/generate")
    ResponseEntity<CredentialView> generate(
            @PathVariable String name, @RequestBody NewKeyPair request, Authentication caller) {
        return ResponseEntity.created(location(name))
                .body(credentials.generate(name, request.username(), caller.getName()));
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name, Authentication caller) {
        credentials.delete(name, caller.getName());
    }

    /**
     * A body that is not the JSON expected: answered here, without the parser's message (it may
     * quote the secret) and without the warning Spring would log with that message.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String field = "body";
        String problem = "must be a JSON object";
        if (e.getCause() instanceof MismatchedInputException m
                && !m.getPath().isEmpty()
                && m.getPath().getFirst().getPropertyName() != null) {
            field = m.getPath().getFirst().getPropertyName();
            problem = "must be a string";
        } else if (e.getCause() instanceof JacksonException) {
            problem = "is not valid JSON";
        }
        ProblemDetail answer = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + problem);
        answer.setTitle("Invalid request");
        answer.setProperty("errors", Map.of(field, problem));
        return answer;
    }

    private static URI location(String name) {
        return URI.create("/api/v1/provisioning/credentials/" + name);
    }
}
