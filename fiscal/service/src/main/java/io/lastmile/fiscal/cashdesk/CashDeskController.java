package io.lastmile.fiscal.cashdesk;

import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cash desk for cashiers (and administrators): take a cash payment, print its receipt, list a
 * shift's payments with the totals. {@code payments.write} is the cashier's permission.
 */
@RestController
class CashDeskController {

    private final CashDeskService desk;
    private final CashDeskRepository payments;
    private final CashDeskProperties settings;

    CashDeskController(CashDeskService desk, CashDeskRepository payments, CashDeskProperties settings) {
        this.desk = desk;
        this.payments = payments;
        this.settings = settings;
    }

    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @PostMapping("/api/v1/cashdesk/payments")
    ResponseEntity<CashPaymentView> take(
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody(required = false) CashPaymentRequest request,
            Authentication caller) {
        if (request == null) {
            throw InvalidRequestException.of("body", "send the payment as a JSON object");
        }
        CashDeskService.Booked booked = desk.take(caller, key, request);
        return ResponseEntity.status(booked.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(booked.payment());
    }

    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @GetMapping("/api/v1/cashdesk/payments")
    ShiftList shift(
            @RequestParam(required = false) String cashier,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "1000") int limit) {
        return desk.shift(cashier, from, to, limit);
    }

    @RequiresPermission(Permissions.PAYMENTS_WRITE)
    @GetMapping("/api/v1/cashdesk/payments/{id}/receipt")
    ResponseEntity<String> receipt(@PathVariable long id) {
        CashPaymentView payment = desk.get(id);
        String html = ReceiptPage.render(payment, payments.sellReceipt(id), settings);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .body(html);
    }

    @ExceptionHandler(CashDeskService.Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(CashDeskService.Unavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "billing cannot be asked about the account now (" + e.getMessage()
                        + "); nothing was booked, try again");
        problem.setTitle("Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(problem);
    }
}
