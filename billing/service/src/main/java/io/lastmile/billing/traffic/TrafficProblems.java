package io.lastmile.billing.traffic;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The traffic side's own refusals, as RFC 9457 problems beside the platform's. */
@RestControllerAdvice
class TrafficProblems {

    @ExceptionHandler(AddressOverlapException.class)
    ProblemDetail overlap(AddressOverlapException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Address overlaps another");
        problem.setProperty("accountId", e.accountId());
        problem.setProperty("prefix", e.prefix());
        return problem;
    }
}
