package io.lastmile.platform.security;

import io.lastmile.platform.web.InvalidRequestException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks {@link RequiresPermission} before an `/api` handler runs (before its body is read): a
 * caller without one of the permissions gets 403, a subscriber naming another account 404. An
 * `/api` handler that declares nothing is refused to everyone.
 */
public class PermissionInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // the end of a stream or a deferred answer: the request was checked when it came in
            return true;
        }
        RequiresPermission declared = method.getMethodAnnotation(RequiresPermission.class);
        if (declared == null) {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            if (pattern != null && ApiRoutes.isApi(pattern.toString())) {
                throw new PermissionDeniedException(
                        "this operation declares no permission, so nobody may call it", List.of());
            }
            return true;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        List<String> required = Arrays.asList(declared.value());
        Set<String> held = Callers.permissions(caller);
        if (required.stream().noneMatch(held::contains)) {
            throw PermissionDeniedException.missing(required);
        }
        if (!declared.account().isEmpty() && AccountScope.isScoped(caller)) {
            AccountScope.require(accountId(request, declared.account()));
        }
        return true;
    }

    private static long accountId(HttpServletRequest request, String variable) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String value = variables == null ? null : variables.get(variable);
        if (value == null) {
            throw new IllegalStateException("the path has no variable '" + variable + "' holding the account id");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.of(variable, "'" + value + "' is not an account id");
        }
    }
}
