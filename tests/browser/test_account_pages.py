"""A teacher's account in a real browser: a guessable password refused with its reason, a new
password, and "sign out everywhere" ending the sign-in on another device."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(base + "/teacher/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Account")).to_be_visible()


def test_a_guessable_password_is_refused_with_the_reason(page: Page, live_server) -> None:
    page.goto(live_server + "/teacher/register")
    page.get_by_label("Your name").fill("Ana Rivera")
    page.get_by_label("E-mail").fill("ana@school.test")
    page.get_by_label("Password", exact=True).fill("password12")
    page.get_by_label("Repeat the password").fill("password12")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("This password is too easy to guess.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "register-guessable-password")


def test_account_page_changes_the_password_and_signs_out_everywhere(
    browser: Browser, live_server, make_teacher
) -> None:
    _, email = make_teacher("rivera@school.test")
    laptop = browser.new_context().new_page()
    phone = browser.new_context().new_page()
    sign_in(laptop, live_server, email)
    sign_in(phone, live_server, email)

    laptop.get_by_role("link", name="Account").click()
    expect(laptop.get_by_role("heading", name="Your account")).to_be_visible()
    assert_accessible(laptop)
    screenshot(laptop, "teacher-account")

    laptop.get_by_label("Current password").fill(PASSWORD)
    laptop.get_by_label("New password", exact=True).fill("quince lantern orbit")
    laptop.get_by_label("Repeat the new password").fill("quince lantern orbit")
    laptop.get_by_role("button", name="Change the password").click()
    expect(laptop.get_by_text("Every other browser is signed out.")).to_be_visible()
    phone.goto(live_server + "/teacher/")
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()

    sign_in(phone, live_server, email, "quince lantern orbit")
    laptop.get_by_role("button", name="Sign out everywhere").click()
    expect(laptop.get_by_text("You are signed out everywhere")).to_be_visible()
    phone.goto(live_server + "/teacher/")
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()
