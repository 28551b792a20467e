package io.lastmile.billing.ledger;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ledger's own refusals, as RFC 9457 problems beside the platform's. */
@RestControllerAdvice
class LedgerProblems {

    @ExceptionHandler(RefundExceedsPaymentException.class)
    ProblemDetail refundExceedsPayment(RefundExceedsPaymentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(422), e.getMessage());
        problem.setTitle("Refund exceeds the payment");
        problem.setProperty("paymentEntryId", e.paymentEntryId());
        problem.setProperty("leftToRefund", e.left().toPlainString());
        problem.setProperty("currency", e.currency());
        return problem;
    }
}
