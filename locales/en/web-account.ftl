# Browser pages: signing in, registering, email confirmation, passwords, the account page.

web-field-email = Email address
web-field-email-hint = We will send a link to this address to confirm it.
web-field-password = Password
web-field-full-name = Full name
web-field-full-name-hint = As written in your passport.
web-field-new-password = New password
web-field-new-password-hint = At least 10 characters. A few words you will remember make a good password.
web-field-current-password = Current password

web-sign-in-title = Sign in
web-sign-in-button = Sign in
web-sign-in-forgot-link = I forgot my password
web-sign-in-register-link = Create an account
web-sign-in-wrong = The email address or the password is wrong
web-sign-in-disabled = This account has been switched off. Contact the service to turn it back on
web-sign-in-too-many = Too many attempts to sign in. Wait 15 minutes and try again

web-register-title = Create an account
web-register-intro = For workers looking for a job. You can then apply for jobs and read your contract.
web-register-button = Create account
web-register-sign-in-link = I already have an account
web-register-done-title = Check your email
web-register-done-body = We have sent a message to the address you entered. Open the link in it to confirm your address. The link works for { $hours } { $hours ->
        [one] hour
       *[other] hours
    }.

web-link-invalid-title = This link does not work
web-link-invalid-body = It has already been used, it has expired, or part of it is missing. You can ask for a new one.

web-verify-done-title = Your email address is confirmed
web-verify-done-body = Thank you. You can now use every part of your account.

web-forgot-title = Reset your password
web-forgot-intro = Enter the email address of your account. We will send you a link to choose a new password.
web-forgot-button = Send the link
web-forgot-sent-title = Check your email
web-forgot-sent-body = If an account uses this address, we have sent it a link to choose a new password. The link works for { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }.

web-reset-title = Choose a new password
web-reset-button = Save the new password
web-reset-done-body = Sign in with your new password. You have been signed out everywhere.
web-password-changed-title = Your password has been changed

web-change-password-title = Change your password
web-change-password-button = Change password
web-change-password-done-body = You have been signed out on every other device and app.

web-account-title = Your account
web-account-signed-in-as = You are signed in as { $name }.
web-account-role = Account type
web-account-unverified = Your email address is not confirmed yet. Open the link in the message we sent you.
web-account-link-search = Find a job
