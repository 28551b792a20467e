import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * bench/payments' load generator (JDK only, run as a source file): opens accounts in billing,
 * enables CloudPayments in fiscal, then sends signed CloudPayments Pay notifications at rising
 * rates. After each step it waits until billing's ledger holds every payment sent (counted with
 * psql) and prints the step's end-to-end rate. At the end it checks every account's balance in
 * billing against what was paid to it. Last line: {@code best: N} (payments per second end to end
 * of the fastest step without loss).
 */
public class PaymentLoad {

    static final String SECRET = "bench-api-secret-" + System.nanoTime();
    static final DateTimeFormatter CP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: Tomcat would answer the upgrade, not the webhook
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final String billing;
    final String fiscal;
    final String token;
    final String psql;
    final List<String> contracts = new ArrayList<>();
    final Map<String, Long> accountIds = new HashMap<>();
    /** This run's accounts are numbered from here: an earlier run's payments are not counted. */
    long firstAccountId = Long.MAX_VALUE;
    final Map<String, BigDecimal> paid = new ConcurrentHashMap<>();
    /** The processes whose CPU time each step is charged with (fiscal, billing, PostgreSQL, this generator). */
    CpuMeter cpu = CpuMeter.parse("");
    final AtomicLong transactionIds = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    PaymentLoad(String billing, String fiscal, String token, String psql) {
        this.billing = billing;
        this.fiscal = fiscal;
        this.token = token;
        this.psql = psql;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var load = new PaymentLoad(a.get("billing"), a.get("fiscal"), a.get("token"), a.get("psql"));
        int accounts = Integer.parseInt(a.getOrDefault("accounts", "1000"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
        List<Integer> rates = new ArrayList<>();
        for (String r : a.getOrDefault("rates", "250,500,1000,1500,2000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        load.cpu = CpuMeter.parse(a.getOrDefault("cpu", ""));
        load.setUp(accounts);
        load.run(rates, seconds);
    }

    void setUp(int accounts) throws Exception {
        put(fiscal + "/api/v1/providers/cloudpayments",
                "{\"enabled\":true,\"testMode\":false,\"settings\":{\"publicId\":\"pk_bench\",\"apiSecret\":\"" + SECRET
                        + "\"}}");
        long start = System.nanoTime();
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        Pattern contract = Pattern.compile("\"contract\"\\s*:\\s*\"([^\"]+)\"");
        for (int i = 0; i < accounts; i++) {
            String body = post(billing + "/api/v1/accounts", "{\"name\":\"Bench subscriber " + i + "\"}");
            Matcher m = id.matcher(body);
            Matcher c = contract.matcher(body);
            if (!m.find() || !c.find()) {
                throw new IllegalStateException("billing's answer names no account: " + body);
            }
            contracts.add(c.group(1));
            accountIds.put(c.group(1), Long.parseLong(m.group(1)));
            firstAccountId = Math.min(firstAccountId, Long.parseLong(m.group(1)));
        }
        System.out.printf("opened %d accounts in billing in %.1f s; CloudPayments enabled in fiscal%n",
                accounts, (System.nanoTime() - start) / 1e9);
    }

    void run(List<Integer> rates, int seconds) throws Exception {
        long base = ledgerPayments();
        double best = 0;
        // a short warm-up: fiscal learns every contract (its account cache) and the JITs warm
        Step warm = send(Math.min(200, rates.get(0)), Math.max(contracts.size() / 200, 5), true);
        base = awaitLedger(base, warm, "warm-up");
        System.out.printf("%-8s %8s %8s %8s %9s %9s %12s %6s%n",
                "offered", "sent", "ok", "refused", "p50 ms", "p99 ms", "end to end/s", "loss");
        for (int rate : rates) {
            Map<String, Long> cpuBefore = cpu.sample();
            Step step = send(rate, seconds, false);
            long before = base;
            base = awaitLedger(base, step, null);
            Map<String, Long> cpuAfter = cpu.sample();
            long credited = base - before;
            long lost = step.sent - credited;
            double e2e = credited / ((step.creditedAt - step.startedAt) / 1e9);
            System.out.printf("%-8d %8d %8d %8d %9.1f %9.1f %12.0f %6d%n",
                    rate, step.sent, step.ok.get(), step.refused.get(), step.percentile(50), step.percentile(99), e2e,
                    lost);
            System.out.println("  cpu ms per payment: " + cpu.perItem(cpuBefore, cpuAfter, credited));
            if (lost == 0 && step.refused.get() == 0) {
                best = Math.max(best, e2e);
            }
            if (lost != 0 || e2e < rate * 0.8) {
                System.out.println("the chain no longer keeps up with " + rate + "/s: stopping the rise");
                break;
            }
        }
        verifyBalances();
        System.out.printf("best: %.0f%n", best);
    }

    /** Sends {@code rate} Pay notifications per second for {@code seconds}, open loop. */
    Step send(int rate, int seconds, boolean quiet) throws Exception {
        int total = rate * seconds;
        Step step = new Step(total);
        Semaphore inFlight = new Semaphore(512);
        CountDownLatch done = new CountDownLatch(total);
        long interval = 1_000_000_000L / rate;
        step.startedAt = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = step.startedAt + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            String contract = contracts.get(ThreadLocalRandom.current().nextInt(contracts.size()));
            BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(10_000, 100_000), 2);
            String body = payBody(transactionIds.incrementAndGet(), contract, amount);
            long sentAt = System.nanoTime();
            step.sent++;
            http.sendAsync(
                            HttpRequest.newBuilder(URI.create(fiscal + "/pay/cloudpayments/pay"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Content-HMAC", hmac(body))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        step.latency(System.nanoTime() - sentAt);
                        if (error == null && response.statusCode() == 200 && response.body().contains("\"code\":0")) {
                            step.ok.incrementAndGet();
                            paid.merge(contract, amount, BigDecimal::add);
                        } else {
                            step.refused.incrementAndGet();
                            if (step.refused.get() <= 3) {
                                System.out.println("refused: " + (error != null ? error
                                        : response.statusCode() + " " + response.body()));
                            }
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await();
        step.answeredAt = System.nanoTime();
        if (!quiet && step.answeredAt - step.startedAt > seconds * 1_300_000_000L) {
            System.out.printf("(sending %d took %.1f s: fiscal answered slower than offered)%n",
                    total, (step.answeredAt - step.startedAt) / 1e9);
        }
        return step;
    }

    /** Waits until the ledger holds this step's payments (or stops growing for 30 s); the new count. */
    long awaitLedger(long base, Step step, String label) throws Exception {
        long expected = base + step.ok.get();
        long count = ledgerPayments();
        long lastGrowth = System.nanoTime();
        while (count < expected && System.nanoTime() - lastGrowth < 30_000_000_000L) {
            Thread.sleep(100);
            long now = ledgerPayments();
            if (now > count) {
                lastGrowth = System.nanoTime();
            }
            count = now;
        }
        step.creditedAt = System.nanoTime();
        if (label != null) {
            System.out.printf("%s: %d payments, all in billing's ledger after %.1f s%n",
                    label, count - base, (step.creditedAt - step.startedAt) / 1e9);
        }
        return count;
    }

    long ledgerPayments() throws Exception {
        Process p = new ProcessBuilder("bash", "-c",
                        psql + " -tAc \"select count(*) from ledger_entry where kind = 'PAYMENT'"
                                + " and payment_method = 'cloudpayments' and account_id >= " + firstAccountId + "\"")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return Long.parseLong(out);
    }

    /** Every account's balance in billing equals what the accepted notifications paid to it. */
    void verifyBalances() throws Exception {
        Pattern balance = Pattern.compile("\"balance\"\\s*:\\s*(-?[0-9.]+)");
        int wrong = 0;
        for (String contract : contracts) {
            String body = get(billing + "/api/v1/accounts/" + accountIds.get(contract));
            Matcher m = balance.matcher(body);
            BigDecimal expected = paid.getOrDefault(contract, BigDecimal.ZERO);
            if (!m.find() || new BigDecimal(m.group(1)).compareTo(expected) != 0) {
                if (++wrong <= 5) {
                    System.out.println("account " + contract + ": expected " + expected + ", billing says " + body);
                }
            }
        }
        BigDecimal total = paid.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        System.out.printf("balances: %d of %d accounts equal what was paid to them (%s RUB in all)%n",
                contracts.size() - wrong, contracts.size(), total.toPlainString());
        if (wrong > 0) {
            throw new IllegalStateException(wrong + " balances differ from the payments accepted");
        }
    }

    static String payBody(long transactionId, String contract, BigDecimal amount) {
        String now = LocalDateTime.now(ZoneOffset.UTC).format(CP_TIME);
        return "TransactionId=" + transactionId + "&Amount=" + amount.toPlainString() + "&Currency=RUB"
                + "&PaymentAmount=" + amount.toPlainString() + "&PaymentCurrency=RUB"
                + "&DateTime=" + java.net.URLEncoder.encode(now, StandardCharsets.UTF_8) + "&CardFirstSix=424242&CardLastFour=4242"
                + "&CardType=Visa&CardExpDate=12%2F30&TestMode=0&Status=Completed&OperationType=Payment"
                + "&AccountId=" + contract;
    }

    static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String get(String url) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    String post(String url, String json) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String put(String url, String json) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    String call(HttpRequest.Builder request) throws Exception {
        var response = http.send(
                request.header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static final class Step {
        final long[] latencies;
        final AtomicLong answered = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        long sent;
        long startedAt;
        long answeredAt;
        long creditedAt;

        Step(int total) {
            latencies = new long[total];
        }

        void latency(long nanos) {
            int i = (int) answered.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = nanos;
            }
        }

        double percentile(int p) {
            long[] sorted = java.util.Arrays.copyOf(latencies, (int) Math.min(answered.get(), latencies.length));
            java.util.Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
        }
    }
}

/**
 * CPU time of named processes from /proc (utime + stime, plus the reaped and live children's, so
 * that PostgreSQL's backends count under its postmaster), in milliseconds.
 */
record CpuMeter(Map<String, Long> pids) {

    static CpuMeter parse(String spec) {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            if (kv.length == 2 && !kv[1].isBlank()) {
                pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        pids.put("generator", ProcessHandle.current().pid());
        return new CpuMeter(pids);
    }

    Map<String, Long> sample() {
        Map<String, Long> ms = new java.util.LinkedHashMap<>();
        pids.forEach((name, pid) -> ms.put(name, treeMillis(pid)));
        return ms;
    }

    String perItem(Map<String, Long> before, Map<String, Long> after, long items) {
        if (items <= 0) {
            return "n/a";
        }
        StringBuilder out = new StringBuilder();
        double total = 0;
        for (String name : pids.keySet()) {
            double each = (after.get(name) - before.get(name)) / (double) items;
            total += each;
            out.append(String.format("%s %.2f, ", name, each));
        }
        return out.append(String.format("total %.2f", total)).toString();
    }

    private static long treeMillis(long pid) {
        long ticks = ticks(pid, true);
        try (var children = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (var dir : (Iterable<java.nio.file.Path>) children::iterator) {
                String n = dir.getFileName().toString();
                if (n.chars().allMatch(Character::isDigit) && parentOf(Long.parseLong(n)) == pid) {
                    ticks += ticks(Long.parseLong(n), false);
                }
            }
        } catch (java.io.IOException e) {
            // /proc not readable: the children are left out
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static String[] stat(long pid) {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static long parentOf(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    /** Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14). */
    private static long ticks(long pid, boolean withReaped) {
        String[] f = stat(pid);
        if (f == null) {
            return 0;
        }
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }
}
