package io.lastmile.fiscal.provider.robokassa;

import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Robokassa's XML interface, {@code OpStateExt?MerchantLogin=&InvoiceID=&Signature=}: Result/Code
 * 0 is an answer (3: no such invoice), State/Code 5 initiated, 10 cancelled, 20 held, 50 money
 * received and being credited, 60 returned to the payer, 80 suspended, 100 paid.
 */
final class OpStateExt {

    static final String DEFAULT_BASE_URL = "https://auth.robokassa.ru/Merchant/WebService/Service.asmx";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Optional<ProviderPayment> query(String invId, ProviderConfig config) {
        String login = config.require(RobokassaProvider.MERCHANT_LOGIN);
        String signature = RobokassaSignature.opState(
                config.value(RobokassaProvider.HASH_ALGORITHM).orElse("md5"),
                login,
                invId,
                config.require(RobokassaProvider.PASSWORD2));
        String base = config.value(RobokassaProvider.API_BASE_URL).orElse(DEFAULT_BASE_URL);
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/OpStateExt?MerchantLogin="
                + enc(login) + "&InvoiceID=" + enc(invId) + "&Signature=" + signature;
        HttpResponse<byte[]> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProviderUnavailableException("Robokassa did not answer OpStateExt: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted calling Robokassa", e);
        }
        if (response.statusCode() != 200) {
            throw new ProviderUnavailableException("Robokassa answered OpStateExt with HTTP " + response.statusCode());
        }
        return parse(invId, response.body());
    }

    static Optional<ProviderPayment> parse(String invId, byte[] xml) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new ProviderUnavailableException("Robokassa's OpStateExt answer is not XML", e);
        }
        Element result = first(doc.getDocumentElement(), "Result");
        String resultCode = text(result, "Code");
        if ("3".equals(resultCode)) {
            return Optional.empty();
        }
        if (!"0".equals(resultCode)) {
            throw new ProviderUnavailableException(
                    "Robokassa refused OpStateExt: code " + resultCode + " " + text(result, "Description"));
        }
        Element state = first(doc.getDocumentElement(), "State");
        Element info = first(doc.getDocumentElement(), "Info");
        String outSum = text(info, "OutSum");
        return Optional.of(new ProviderPayment(
                invId,
                invId.matches("\\d{1,18}") ? Long.valueOf(invId) : null,
                null,
                outSum == null ? null : new BigDecimal(outSum),
                "RUB",
                instant(text(state, "StateDate")),
                switch (String.valueOf(text(state, "Code"))) {
                    case "100" -> ProviderPayment.Status.PAID;
                    case "5", "20", "50", "80" -> ProviderPayment.Status.PENDING;
                    case "10" -> ProviderPayment.Status.FAILED;
                    case "60" -> ProviderPayment.Status.REFUNDED;
                    default -> ProviderPayment.Status.UNKNOWN;
                }));
    }

    private static Element first(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String text(Element parent, String localName) {
        Element e = first(parent, localName);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
