package org.rowmq.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page in a real headless browser (Debian's chromium and chromium-driver): place an order and see it shipped;
 * inject a payment failure, see the dead letter, fix the fault and move it back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    private static final String CHROMIUM = System.getProperty("sample.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("sample.chromedriver", "/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private final SampleApi api = new SampleApi();
    private Path profile;
    private WebDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return SampleDeployment.ear();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException(CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y chromium chromium-driver");
        }
        profile = Files.createTempDirectory("rowmq-sample-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1300", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build();
        browser = new ChromeDriver(service, options);
        browser.get(SampleApi.PAGE);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        api.faults(false, false, 0);
        if (browser != null) {
            browser.quit();
        }
        if (profile == null) return; // the browser never started: its own failure is the one to report
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anOrderPlacedOnThePageIsShipped() throws IOException {
        long id = placeOrderOnPage("Hal", "notebook", "2");

        awaitState(id, "SHIPPED");
        screenshot();
    }

    @Test
    void aPaymentFailureEndsInTheDeadLetterQueueAndMovesBackFromThePage() {
        browser.findElement(By.id("fault-payment-throws")).click();
        waitFor().until(b -> api.dashboard().getJsonObject("faults").getBoolean("paymentThrows"));

        long id = placeOrderOnPage("Ivy", "pen", "1");

        String moveBack = "#dead-letters tr[data-order-id='" + id + "'] button.move-back";
        waitFor().until(b -> !b.findElements(By.cssSelector(moveBack)).isEmpty());
        assertEquals("PLACED", api.state(id), "no payment delivery committed");
        assertTrue(browser.findElement(By.id("attempts")).getText().contains("rolled back, the payment bean threw"));

        browser.findElement(By.id("fault-payment-throws")).click();
        waitFor().until(b -> !api.dashboard().getJsonObject("faults").getBoolean("paymentThrows"));
        // The page redraws its tables every second: find and click in one go, again if the row was just redrawn.
        waitFor().until(b -> {
            b.findElement(By.cssSelector(moveBack)).click();
            return true;
        });

        waitFor().until(b -> b.findElement(By.id("move-result")).getText().contains("moved back to sample.orders"));
        awaitState(id, "SHIPPED");
    }

    private long placeOrderOnPage(String customer, String item, String quantity) {
        waitFor().until(b -> b.findElements(By.cssSelector("#item option")).size() > 0);
        WebElement name = browser.findElement(By.id("customer"));
        name.clear();
        name.sendKeys(customer);
        new Select(browser.findElement(By.id("item"))).selectByValue(item);
        WebElement qty = browser.findElement(By.id("quantity"));
        qty.clear();
        qty.sendKeys(quantity);
        browser.findElement(By.id("place")).click();
        String placed = waitFor().until(b -> {
            String id = b.findElement(By.id("order-result")).getAttribute("data-order-id");
            return id == null || id.isEmpty() ? null : id;
        });
        return Long.parseLong(placed);
    }

    private void awaitState(long id, String state) {
        waitFor().until(b -> state.equals(stateOnPage(id)));
    }

    /** The state the page shows for an order; null while its row is not drawn. */
    private String stateOnPage(long id) {
        return browser.findElements(By.cssSelector("#orders tr[data-order-id='" + id + "'] td.state")).stream()
                .findFirst().map(WebElement::getText).orElse(null);
    }

    /** Waits for the page, which redraws its tables every second (an element found may go stale: look again). */
    private FluentWait<WebDriver> waitFor() {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class);
    }

    /** The page as a new user sees it, for the README (docs/sample-ear.png). */
    private void screenshot() throws IOException {
        String target = System.getProperty("sample.screenshot");
        if (target == null) {
            return;
        }
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path path = Path.of(target);
        Files.createDirectories(path.getParent());
        Files.copy(shot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
    }
}
