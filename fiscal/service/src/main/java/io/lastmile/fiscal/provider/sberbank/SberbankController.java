package io.lastmile.fiscal.provider.sberbank;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sberbank's callbacks, GET or form POST; signed by checksum, so no bearer token. */
@RestController
class SberbankController {

    private final SberbankCallbacks callbacks;

    SberbankController(SberbankCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @RequestMapping(
            path = "/pay/sberbank",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> callback(@RequestParam Map<String, String> params) {
        return callbacks.handle(params);
    }
}
