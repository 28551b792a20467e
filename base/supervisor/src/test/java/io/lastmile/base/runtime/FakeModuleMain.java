package io.lastmile.base.runtime;

/**
 * Stands in for a module's jar in tests: exits with code 3 after the given milliseconds, or runs
 * until it is killed when given none.
 */
public final class FakeModuleMain {

    private FakeModuleMain() {}

    public static void main(String[] args) throws InterruptedException {
        String exitAfter = System.getProperty("fake.exitAfterMs");
        if (exitAfter == null) {
            Thread.sleep(Long.MAX_VALUE);
        }
        Thread.sleep(Long.parseLong(exitAfter));
        System.exit(3);
    }
}
