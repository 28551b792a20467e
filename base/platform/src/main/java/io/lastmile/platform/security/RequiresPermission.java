package io.lastmile.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permissions an `/api` handler method needs: a caller holding any one of them is let in, every
 * other caller gets 403. Every `/api` handler carries one; a module whose handler lacks it does not
 * start ({@link ApiRoutes#requireDeclared}), and {@link PermissionInterceptor} refuses such a call.
 *
 * <p>Listing {@link Permissions#SELF} lets a subscriber in for their own account only: with {@link
 * #account()} naming the path variable that holds the account id, the check is done here and a
 * different account answers 404; otherwise the handler calls {@link AccountScope#require} itself.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresPermission {

    /** Any one of these permissions suffices. */
    String[] value();

    /** The path variable holding the account id a subscriber's token must name; empty for none. */
    String account() default "";
}
