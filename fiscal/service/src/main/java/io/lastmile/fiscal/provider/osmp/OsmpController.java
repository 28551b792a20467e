package io.lastmile.fiscal.provider.osmp;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OSMP's check and pay: parameters in the query (GET) or a URL-encoded body (POST); the answer is XML. */
@RestController
class OsmpController {

    private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

    private final OsmpHandler handler;

    OsmpController(OsmpHandler handler) {
        this.handler = handler;
    }

    @RequestMapping(
            value = "/pay/osmp",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> osmp(
            HttpServletRequest request,
            @RequestParam Map<String, String> params,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        OsmpAnswer answer = handler.handle(request.getRemoteAddr(), authorization, params);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.httpStatus());
        if (answer.httpStatus() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"osmp\", charset=\"UTF-8\"");
        }
        if (answer.result() == null) {
            return response.contentType(MediaType.TEXT_PLAIN).body(answer.comment());
        }
        return response.contentType(XML).body(answer.xml());
    }
}
