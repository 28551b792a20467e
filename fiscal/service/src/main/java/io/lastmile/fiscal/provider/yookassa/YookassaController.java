package io.lastmile.fiscal.provider.yookassa;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** YooKassa's notifications; heard from its networks only and confirmed through its API. */
@RestController
class YookassaController {

    private final YookassaNotifications notifications;

    YookassaController(YookassaNotifications notifications) {
        this.notifications = notifications;
    }

    @PostMapping("/pay/yookassa")
    ResponseEntity<String> notification(HttpServletRequest request, @RequestBody byte[] body) {
        return notifications.handle(request.getRemoteAddr(), body);
    }
}
