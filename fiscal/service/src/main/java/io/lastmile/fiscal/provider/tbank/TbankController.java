package io.lastmile.fiscal.provider.tbank;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** T-Bank's notifications; signed by Token, so no bearer token (fiscal's chain lets /pay/** in). */
@RestController
class TbankController {

    private final TbankNotifications notifications;

    TbankController(TbankNotifications notifications) {
        this.notifications = notifications;
    }

    @PostMapping("/pay/tbank")
    ResponseEntity<String> notification(@RequestBody byte[] body) {
        return notifications.handle(body);
    }
}
