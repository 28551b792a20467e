package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.AddressView;
import io.lastmile.billing.api.traffic.NewAddress;
import io.lastmile.billing.web.RequestReader;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The IPv4 and IPv6 addresses and prefixes of an account, which the collector's map carries. */
@RestController
class AddressController {

    private final Addresses addresses;
    private final RequestReader reader;

    AddressController(Addresses addresses, RequestReader reader) {
        this.addresses = addresses;
        this.reader = reader;
    }

    @RequiresPermission(Permissions.ACCOUNTS_READ)
    @GetMapping("/api/v1/accounts/{id}/addresses")
    List<AddressView> list(@PathVariable long id) {
        return addresses.of(id);
    }

    @RequiresPermission(Permissions.ACCOUNTS_WRITE)
    @PostMapping("/api/v1/accounts/{id}/addresses")
    @ResponseStatus(HttpStatus.CREATED)
    AddressView add(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = NewAddress.class)))
                    @RequestBody
                    JsonNode request,
            Authentication caller) {
        return addresses.add(id, reader.read(request, NewAddress.class), caller.getName());
    }

    @RequiresPermission(Permissions.ACCOUNTS_WRITE)
    @DeleteMapping("/api/v1/accounts/{id}/addresses/{addressId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, @PathVariable long addressId, Authentication caller) {
        addresses.delete(id, addressId, caller.getName());
    }
}
