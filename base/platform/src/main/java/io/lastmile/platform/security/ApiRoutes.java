package io.lastmile.platform.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The `/api` routes of a running application, read from its request mappings, with the permissions
 * each declares: what the start-up check and the role matrix tests walk.
 */
public final class ApiRoutes {

    public static final String PREFIX = "/api/";

    /**
     * One route: an HTTP method and path pattern, the permissions any of which let a caller in
     * (empty when the handler declares none) and the path variable holding a scoped account id.
     */
    public record Route(
            String method, String pattern, List<String> permissions, String account, HandlerMethod handler) {

        public boolean declared() {
            return handler.hasMethodAnnotation(RequiresPermission.class);
        }

        /** Whether a token holding `held` (already expanded) passes the permission check. */
        public boolean allows(Set<String> held) {
            return permissions.stream().anyMatch(held::contains);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    static boolean isApi(String pattern) {
        return pattern.startsWith(PREFIX);
    }

    /** Every `/api` route of the application's request mappings, sorted by path and method. */
    public static List<Route> of(ListableBeanFactory context) {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                add(routes, entry.getKey(), entry.getValue());
            }
        }
        routes.sort(Comparator.comparing(Route::pattern).thenComparing(Route::method));
        return List.copyOf(routes);
    }

    private static void add(List<Route> routes, RequestMappingInfo info, HandlerMethod handler) {
        RequiresPermission declared = handler.getMethodAnnotation(RequiresPermission.class);
        List<String> permissions = declared == null ? List.of() : List.of(declared.value());
        String account = declared == null ? "" : declared.account();
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
            if (!isApi(pattern)) {
                continue;
            }
            if (methods.isEmpty()) {
                routes.add(new Route("GET", pattern, permissions, account, handler));
            }
            for (RequestMethod method : methods) {
                routes.add(new Route(method.name(), pattern, permissions, account, handler));
            }
        }
    }

    /** Fails when an `/api` handler declares no {@link RequiresPermission}, naming each such handler. */
    public static void requireDeclared(List<Route> routes) {
        List<Route> undeclared = routes.stream().filter(r -> !r.declared()).toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException(
                    "these /api handlers declare no @RequiresPermission, so nobody could call them: "
                            + undeclared.stream()
                                    .map(r -> r + " (" + r.handler().getShortLogMessage() + ")")
                                    .collect(Collectors.joining(", ")));
        }
    }

    private ApiRoutes() {}
}
