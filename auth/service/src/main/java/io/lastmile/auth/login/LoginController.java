package io.lastmile.auth.login;

import io.lastmile.auth.web.Branding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page: login and password, then the TOTP code for operators who enrolled one. Who logs
 * in (operator or subscriber) is the kind of the client whose authorization request brought the
 * browser here; without one, an operator.
 */
@Controller
class LoginController {

    static final String PENDING = LoginController.class.getName() + ".pending";
    static final String PENDING_ENROLMENT = LoginController.class.getName() + ".pending-enrolment";
    /** The otpauth URI of the enrolment in progress, kept so that reloading the page shows the same secret. */
    static final String ENROLMENT_URI = LoginController.class.getName() + ".enrolment-uri";

    static final Duration CODE_WAIT = Duration.ofMinutes(5);
    static final String TOTP_FACTOR = "totp";

    private final Authenticator authenticator;
    private final RegisteredClientRepository clients;
    private final Branding branding;
    private final Clock clock;
    private final RequestCache requests = new HttpSessionRequestCache();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    LoginController(Authenticator authenticator, RegisteredClientRepository clients, Branding branding, Clock clock) {
        this.authenticator = authenticator;
        this.clients = clients;
        this.branding = branding;
        this.clock = clock;
    }

    @GetMapping("/login")
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("kind", kind(request, response).name().toLowerCase(java.util.Locale.ROOT));
        branding.addTo(model);
        return "login";
    }

    @PostMapping("/login")
    String login(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        LoginKind kind = kind(request, response);
        Outcome outcome = authenticator.password(username, password, request.getRemoteAddr(), kind);
        return switch (outcome) {
            case Outcome.SignedIn signedIn -> signIn(signedIn, request, response);
            case Outcome.CodeWanted wanted -> {
                request.getSession().setAttribute(PENDING, new Pending(wanted.login(), clock.instant()));
                yield "redirect:/login/totp";
            }
            case Outcome.EnrolmentWanted wanted -> {
                request.getSession().setAttribute(PENDING_ENROLMENT, new Pending(wanted.login(), clock.instant()));
                request.getSession().removeAttribute(ENROLMENT_URI);
                yield "redirect:/login/totp/enrol";
            }
            case Outcome.Refused refused -> {
                model.addAttribute("error", refused.messageKey());
                model.addAttribute("username", username);
                model.addAttribute("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
                branding.addTo(model);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                yield "login";
            }
        };
    }

    @GetMapping("/login/totp")
    String codePage(HttpServletRequest request, Model model) {
        if (pending(request) == null) {
            return "redirect:/login";
        }
        branding.addTo(model);
        return "totp";
    }

    @PostMapping("/login/totp")
    String code(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Pending pending = pending(request);
        if (pending == null) {
            return "redirect:/login";
        }
        Outcome outcome = authenticator.code(pending.login(), code, request.getRemoteAddr());
        if (outcome instanceof Outcome.SignedIn signedIn) {
            request.getSession().removeAttribute(PENDING);
            return signIn(signedIn, request, response);
        }
        if (outcome == Outcome.LOCKED) {
            request.getSession().removeAttribute(PENDING);
        }
        model.addAttribute("error", ((Outcome.Refused) outcome).messageKey());
        branding.addTo(model);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        return outcome == Outcome.LOCKED ? "login" : "totp";
    }

    @GetMapping("/login/totp/enrol")
    String enrolmentPage(HttpServletRequest request, Model model) {
        Pending pending = pending(request, PENDING_ENROLMENT);
        if (pending == null) {
            return "redirect:/login";
        }
        HttpSession session = request.getSession();
        if (!(session.getAttribute(ENROLMENT_URI) instanceof String)) {
            session.setAttribute(ENROLMENT_URI, authenticator.startEnrolment(pending.login()));
        }
        return enrolment(session, model);
    }

    @PostMapping("/login/totp/enrol")
    String enrol(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Pending pending = pending(request, PENDING_ENROLMENT);
        if (pending == null || !(request.getSession().getAttribute(ENROLMENT_URI) instanceof String)) {
            return "redirect:/login";
        }
        Outcome outcome = authenticator.confirmEnrolment(pending.login(), code, request.getRemoteAddr());
        if (outcome instanceof Outcome.SignedIn signedIn) {
            request.getSession().removeAttribute(PENDING_ENROLMENT);
            request.getSession().removeAttribute(ENROLMENT_URI);
            return signIn(signedIn, request, response);
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        model.addAttribute("error", ((Outcome.Refused) outcome).messageKey());
        if (outcome == Outcome.LOCKED) {
            request.getSession().removeAttribute(PENDING_ENROLMENT);
            branding.addTo(model);
            return "login";
        }
        return enrolment(request.getSession(), model);
    }

    /** The enrolment page: the secret as an app shows it when typed in, and the otpauth link. */
    private String enrolment(HttpSession session, Model model) {
        String uri = (String) session.getAttribute(ENROLMENT_URI);
        String secret = uri.replaceFirst(".*[?&]secret=([A-Z2-7]+).*", "$1");
        model.addAttribute("uri", uri);
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        branding.addTo(model);
        return "totp-enrol";
    }

    @GetMapping("/")
    String home(Model model) {
        branding.addTo(model);
        model.addAttribute(
                "principal",
                SecurityContextHolder.getContext().getAuthentication().getName());
        return "home";
    }

    private String signIn(Outcome.SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        request.getSession(); // a session to hold the login, under a new id (no session fixation)
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        List<GrantedAuthority> authorities =
                new ArrayList<>(AuthorityUtils.createAuthorityList(signedIn.authorities()));
        // the factors, with when they were given: the ID token's auth_time
        Instant now = clock.instant();
        authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(now)
                .build());
        if (signedIn.withTotp()) {
            authorities.add(
                    FactorGrantedAuthority.withFactor(TOTP_FACTOR).issuedAt(now).build());
        }
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(signedIn.principal(), null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        if (saved != null) {
            requests.removeRequest(request, response);
            return "redirect:" + saved.getRedirectUrl();
        }
        return "redirect:/";
    }

    private Pending pending(HttpServletRequest request) {
        return pending(request, PENDING);
    }

    /** The operator waiting in this session for the step {@code attribute} names, if not too long. */
    private Pending pending(HttpServletRequest request, String attribute) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(attribute) instanceof Pending pending)) {
            return null;
        }
        if (pending.since().plus(CODE_WAIT).isBefore(clock.instant())) {
            session.removeAttribute(attribute);
            return null;
        }
        return pending;
    }

    private LoginKind kind(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        String[] clientId = saved == null ? null : saved.getParameterValues("client_id");
        if (clientId == null || clientId.length != 1) {
            return LoginKind.OPERATOR;
        }
        RegisteredClient client = clients.findByClientId(clientId[0]);
        return client == null
                ? LoginKind.OPERATOR
                : LoginKind.of(client.getClientSettings().getSetting(LoginKind.CLIENT_SETTING));
    }

    /** An operator whose password was right, waiting to give their code. */
    record Pending(String login, Instant since) implements java.io.Serializable {}
}
