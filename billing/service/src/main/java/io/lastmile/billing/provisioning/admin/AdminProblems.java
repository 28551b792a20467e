package io.lastmile.billing.provisioning.admin;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problems only the provisioning operator API answers. */
@RestControllerAdvice(basePackageClasses = AdminProblems.class)
class AdminProblems {

    @ExceptionHandler(ServerUnreachableException.class)
    ProblemDetail unreachable(ServerUnreachableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Server unreachable");
        return problem;
    }

    /**
     * Checks run before each write; a constraint that still fails means another request changed the
     * same rows meanwhile (took the name, deleted the group being named).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail concurrent(DataIntegrityViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "another request changed the same part of the provisioning catalog at the same time;"
                        + " reload it and try again");
        problem.setTitle("Conflict");
        return problem;
    }
}
