package io.lastmile.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Turns the token's `permissions` claim into `PERM_x` authorities ({@link Permissions#ALL}
 * expanding to every named permission) and its `roles` claim into `ROLE_X` ones, next to the usual
 * `SCOPE_x`. Access is decided on the permissions; the roles only say who the caller is.
 */
public class JwtRolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
        List<String> roles = jwt.getClaimAsStringList(Roles.CLAIM);
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))));
        }
        List<String> permissions = jwt.getClaimAsStringList(Permissions.CLAIM);
        if (permissions != null) {
            SeededRoles.expand(permissions)
                    .forEach(p -> authorities.add(new SimpleGrantedAuthority(Permissions.authority(p))));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
