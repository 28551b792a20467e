package io.lastmile.auth.web;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The branding colours as a style sheet, so that the pages need no inline style (CSP style-src 'self'). */
@RestController
class BrandingController {

    private final Branding branding;

    BrandingController(Branding branding) {
        this.branding = branding;
    }

    @GetMapping(value = "/branding.css", produces = "text/css")
    ResponseEntity<String> css() {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("text/css"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(branding.css());
    }
}
