"""What the browser tests share."""


def sign_in(page, server_url, username):
    """Sign in through the login page (every test account's password is "demo"); return the page, at home."""
    page.goto(f"{server_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server_url}/")
    return page
