package io.lastmile.auth.config;

import io.lastmile.platform.security.JwtRolesConverter;
import io.lastmile.platform.security.Permissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The token's roles (platform's ROLE_x) and its permissions as {@code PERM_x} authorities. */
class PermissionsConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtRolesConverter roles = new JwtRolesConverter();

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Collection<GrantedAuthority> authorities =
                new ArrayList<>(roles.convert(jwt).getAuthorities());
        List<String> permissions = jwt.getClaimAsStringList(Permissions.CLAIM);
        if (permissions != null) {
            permissions.forEach(p -> authorities.add(new SimpleGrantedAuthority(Permissions.authority(p))));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
