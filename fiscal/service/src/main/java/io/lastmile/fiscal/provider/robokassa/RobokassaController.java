package io.lastmile.fiscal.provider.robokassa;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Robokassa's ResultURL (GET or POST, as set in the shop's technical settings); answers plain text. */
@RestController
class RobokassaController {

    private final ResultHandler handler;

    RobokassaController(ResultHandler handler) {
        this.handler = handler;
    }

    @RequestMapping(
            value = "/pay/robokassa/result",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> result(@RequestParam MultiValueMap<String, String> params) {
        ResultHandler.Answer answer = handler.handle(params.toSingleValueMap());
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.TEXT_PLAIN)
                .body(answer.text());
    }
}
