package com.perfectwork.mail.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both given by path so that Selenium never
 * looks for (or downloads) a browser of its own. One per test, so that no session leaks from test to test.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final String base;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    Browser(int port) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.base = "http://127.0.0.1:" + port;
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    static boolean available() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    Browser login(String login, String password) {
        open("/web/login");
        type("username", login);
        type("password", password);
        click("login-submit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-login")));
        return this;
    }

    /**
     * Replaces the text of the field with this id, until the field holds it: a field that htmx swaps out (the port
     * of a server form after its security changed) may go stale under the typing or come back with its default.
     */
    Browser type(String id, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ignored -> {
                    WebElement field = element(id);
                    field.clear();
                    field.sendKeys(text);
                    return text.equals(element(id).getDomProperty("value"));
                });
        return this;
    }

    Browser select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(element(id)).selectByValue(value);
        return this;
    }

    Browser click(String id) {
        element(id).click();
        return this;
    }

    Browser clickLink(String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
        return this;
    }

    WebElement element(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    /** The text of the element with this id once it holds {@code expected}. */
    String waitForText(String id, String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
        return element(id).getText();
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebDriver driver() {
        return driver;
    }

    void screenshot(String name) throws IOException {
        Path file = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
