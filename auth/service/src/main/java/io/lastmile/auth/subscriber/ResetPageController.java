package io.lastmile.auth.subscriber;

import io.lastmile.auth.web.Branding;
import io.lastmile.platform.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public page a reset link opens: a new password, once. */
@Controller
class ResetPageController {

    private final PasswordResets resets;
    private final Branding branding;

    ResetPageController(PasswordResets resets, Branding branding) {
        this.resets = resets;
        this.branding = branding;
    }

    @GetMapping("/reset")
    String page(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
        branding.addTo(model);
        if (resets.check(token).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_GONE);
            model.addAttribute("gone", true);
        }
        model.addAttribute("token", token);
        return "reset";
    }

    @PostMapping("/reset")
    String reset(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm,
            Model model,
            HttpServletResponse response) {
        branding.addTo(model);
        model.addAttribute("token", token);
        if (!password.equals(confirm)) {
            model.addAttribute("errorKey", "reset.error.mismatch");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "reset";
        }
        try {
            resets.reset(token, password);
        } catch (PasswordResets.RefusedPassword e) {
            model.addAttribute("errorKey", e.rule().messageKey());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "reset";
        } catch (InvalidRequestException e) {
            if (e.errors().containsKey("token")) {
                model.addAttribute("gone", true);
                response.setStatus(HttpServletResponse.SC_GONE);
            } else {
                model.addAttribute("error", e.errors().get("password"));
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
            return "reset";
        }
        return "reset-done";
    }
}
