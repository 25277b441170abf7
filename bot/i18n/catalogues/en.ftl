### English: the source catalogue. Every other catalogue translates this one.
###
### Conventions for translators:
### - Keep the tone: short, friendly, direct; say what happened and what to do next.
### - Variables such as { $name } are filled in by the bot; keep them, move them as the sentence
###   needs. { $cmd_voices } and the like are commands as the member types them ("/voices").
### - Names passed in ({ $name }, { $voice }, { $owner }) already carry their formatting.
### - Keys starting with cmd- are Discord command and option names and descriptions: names are
###   lowercase, one word (a-z, letters of your language, digits, - and _), at most 32
###   characters; descriptions at most 100.

## Errors: one message per stable error code, then the more specific messages.

error-internal = Something went wrong on our side.
error-internal-reference = Something went wrong on our side (reference { $reference }).
error-not-audio =
    That file doesn't contain audio I can read. Send a voice message or an audio file (ogg, mp3, m4a, wav, flac, webm) of you speaking.
error-no-speech =
    I couldn't hear any speech in that recording. Record yourself talking clearly, close to the microphone, for 10 to 30 seconds.
error-too-short =
    That recording has too little speech: at least 3 seconds are needed, 10 to 30 give the best clone. Record a longer message and try again.
error-too-large = That file is too large. Send a shorter recording: 30 seconds of speech is plenty.
error-download-failed = I couldn't download that file. Send it again in a moment.
error-consent-required =
    I need your consent before cloning a voice. Confirm that this is your own voice and that you agree to have it cloned.
error-cooldown = You're doing that too often. Try again { $wait }.
error-voice-limit-reached = You already have the most voices allowed here: delete one of them first.
next-step-delete-voice = Use { $cmd_voice_delete } to delete one.
error-disabled-here = The admins of this community have turned this off here.
error-not-allowed = You're not allowed to do that here. Ask an admin of this community.
error-not-owner = That voice isn't yours: you can only use and manage your own voices.
error-voice-not-found = I can't find that voice among yours.
next-step-list-voices = Use { $cmd_voices } to see the voices you have.
error-busy = I'm busy with other clones right now. Try again in a minute.
error-quota-exhausted =
    The voice service quota for this bot is used up. An operator has to top it up; try again later.
error-clone-slots-full =
    This bot's voice account has no free clone slots. An operator has to free some; try again later.
error-bad-quality =
    The voice service found the recording too noisy or unclear. Record again in a quiet room, close to the microphone.
error-format-rejected =
    The voice service couldn't read that audio. Try another recording or another format.
error-invalid-language = The voice service doesn't support that language.
error-service-misconfigured =
    The bot isn't set up correctly for the voice service. Tell an operator; it isn't something you can fix.
error-service-unavailable = The voice service isn't answering right now. Try again in a few minutes.

# Consent and buttons (bot/pending.py, bot/clone.py).
error-consent-expired =
    This request has expired or was already answered. Send your recording again to start over.
error-not-your-button = Only the person who asked can answer this.
error-restarting = The bot is restarting. Give your consent again in a minute.
error-request-in-progress = Your earlier request for this recording is still being handled.
error-first-request-processing = Your first request is still being processed.
error-erased-during-clone =
    Your data was erased while this clone was running, so its voice was deleted too.
error-not-own-recording =
    You can only clone your own voice: that recording was sent by someone else.
# Forget me while a clone runs (bot/forget.py).
error-clone-in-progress =
    A clone of your voice is still in progress. Run { $cmd_forget_me } again in a minute, once it is done, and it will be deleted too.
# Voices (bot/voices.py, bot/api/errors.py).
error-no-voice-yet = You don't have a voice yet: clone one first.
next-step-clone = Use { $cmd_clone } with a recording of you speaking.
error-name-length = A voice name must have 1 to { $max } characters.
error-description-length = A description must have at most { $max } characters.
error-preview-not-ready = The preview of this voice is still being made. Try again in a moment.
# $field is the API's name of a voice field, such as "name" or "language".
error-field-update-not-allowed = The voice service doesn't allow changing the { $field } of a voice.
error-field-update-not-allowed-any = The voice service doesn't allow changing that field of a voice.
# The community's rules (bot/community.py, bot/service.py).
error-role-required = You need the role this community requires for voice cloning. Ask an admin.
error-members-only = Voice cloning here is limited to members the admins allowed. Ask an admin.
error-cloning-disabled = The admins of this community have turned voice cloning off here.
error-say-disabled = The admins of this community have turned { $cmd_say } off here.
error-settings-admins-only = Only admins of this community can change its settings.
error-settings-view-admins-only = Only admins of this community can see and change its settings.
error-settings-need-community = Settings belong to a server or workspace: run this there.
# $name is what the admin typed; $known the list of settings.
error-setting-unknown = Unknown setting { $name }. Settings: { $known }.
error-setting-not-on-off = { $name } must be on or off, not { $value }.
error-setting-not-number = { $name } must be a number.
error-setting-out-of-range = { $name } must be between { $low } and { $high }.
error-setting-not-choice = { $name } must be one of { $choices }, not { $value }.
error-setting-not-channel = { $name } must be a channel of this community, not { $value }.
error-setting-prefixes = { $name } takes at most { $count } prefixes separated by spaces, each at most { $length } characters long.
# /say (bot/say.py).
error-say-nothing-left = There's nothing left to say once mentions and links are removed.
error-say-too-long =
    That text is too long: at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
error-say-recording-too-long = That text makes too long a recording: say less at once.
# The voice-channel queue and a member's speech under way (bot/voice_queue.py, bot/say.py).
error-busy-says = A lot is being said right now. Try again in a minute.
error-busy-community-says = A lot is being said in this community right now. Try again in a minute.
error-busy-member-speech =
    You already have { $max ->
        [one] a speech
       *[other] { $max } speeches
    } being made, queued or playing, the most at once: wait until one has finished.
error-voice-queue-full = The voice channel queue is full ({ $max } at most): try again when it has played.
error-voice-queue-seconds = There's already a lot to say in the voice channel: try again in a minute.
error-voice-speech-too-long = That would take about { $seconds } s to say, and a voice channel takes at most { $max } s at once: say less, or pause less.
error-voice-speech-cut = Your speech was cut after { $max } s, the most a voice channel plays at once.
error-no-speech-model = None of the speech models speaks this voice's language yet.
# The recording (bot/audio/).
error-file-empty = That file is empty. Send a voice message or an audio file of you speaking.
error-video-no-sound = That video has no sound. Send a video or audio file in which you speak.
error-recording-too-long =
    That recording is too long (the limit is { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }). Send a shorter one: 30 seconds of speech is plenty.
error-file-too-large =
    That file is too large (the limit is { $megabytes } MB). Send a shorter recording: 30 seconds of speech is plenty.
error-speech-too-short =
    That recording has only about { NUMBER($seconds, maximumFractionDigits: 1) } s of speech: at least { $min } s are needed, 10 to 30 give the best clone. Record a longer message and try again.
# Discord only (adapters/discord).
error-server-only = That works only in a server.
error-interrupted-by-restart =
    This request was interrupted by a bot restart. Run { $cmd_clone } again with your recording.
error-message-gone = I can't find that message any more. Send your recording again.
error-recording-not-visible =
    I can't see that recording any more. Use “{ menu-clone-this-voice }” on it again, or send it to me in a direct message.
error-no-audio-attachment =
    That message has no audio attachment. Use this on a voice message or an audio file.
error-upload-too-large = That makes too long a recording to post here: say less at once.
# Slack only (adapters/slack).
error-slack-sign-in-page =
    I couldn't download your clip: Slack sent me a sign-in page instead of the audio, which means this app is missing the files:read permission. Ask a workspace admin to add the files:read scope and reinstall the app, then send your clip again.
error-slack-clip-gone = I can't find that clip any more: it may have been deleted. Send it to me again.
error-bad-quality-clipped =
    That recording is distorted: your voice is clipped (too loud for the microphone). Record again a little further from the microphone, or with the input level lower.
error-bad-quality-quiet =
    That recording is too quiet to clone. Record again close to the microphone, speaking at a normal volume.
error-bad-quality-noisy =
    There is too much background noise: it is as loud as your voice. Record again in a quiet room, close to the microphone.
error-too-slow-to-read =
    That file takes too long to read. Send a shorter recording, or a common format (a voice message, mp3, m4a or wav).
error-too-much-memory =
    That file needs more memory to read than I allow. Send a shorter recording, or a common format (a voice message, mp3, m4a or wav).
error-unreadable-file =
    I couldn't read that file. Send a voice message or a common audio format (ogg, mp3, m4a, wav, flac).
tip-quiet = Tip: speak closer to the microphone; the recording is quiet.
tip-clipped = Tip: hold the microphone a little further away; loud parts are distorted.
tip-noisy = Tip: record somewhere quieter; there is background noise behind your voice.
# The small print under an error: its stable code, and for unknown errors the reference.
error-code-note = { $code }
error-code-note-reference = { $code } · reference { $reference }

## Consent. Change the statement only with a new version: consent records keep the language
## and the version the member read.

consent-statement-version = 2026-11-26.1
consent-statement =
    I confirm that this recording is my own voice. I agree that it is sent to the Async Voice API to create a voice clone that only I can use, here and in my direct messages with this bot. The recording itself is not kept. I can delete the voice at any time, or erase everything about me with { $cmd_forget_me }.
consent-title = Before I clone this voice
# $name is the voice name the member chose, already formatted.
consent-title-slack = Clone your voice from this clip?
consent-title-slack-named = Clone your voice from this clip as { $name }?
consent-confirm-own-voice = Please confirm that it is your own voice.
consent-instructions =
    Press “{ button-consent }” to go ahead, or “{ button-cancel }”. Nothing is sent anywhere before you press it. This request expires in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
consent-only-you =
    Only you can answer. This request expires in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
consent-sent-to-dm = I've sent you a consent prompt in our direct messages: answer it there.
consent-cancelled = Cancelled: nothing was sent or changed.
consent-cancelled-clip = Cancelled: I won't clone this clip.

## Buttons (Discord ≤ 80 characters, Slack ≤ 75).

button-consent = I consent, this is my voice
button-cancel = Cancel
button-erase-everything = Erase everything
button-preview = Preview
button-make-default = Make default
button-delete = Delete
button-keep = Keep it

## Progress of a clone.

progress-reading = Downloading your recording…
progress-reading-clip = Downloading your clip…
progress-converting = Converting the audio…
progress-converting-clip = Converting your clip…
progress-cloning = Cloning your voice, this takes a few seconds…
progress-cloning-short = Cloning your voice…
progress-preview = Fetching a preview…
progress-working = Working on it…
progress-erasing = Erasing…

## Results.

# $name is the voice's name, already formatted (bold, escaped).
clone-ready = Your voice { $name } is ready.
voice-languages = Languages: { $languages }
languages-not-detected = not detected yet
preview-link = Preview: { $url }
# Slack: the link text of a preview link.
preview-listen = listen to it
preview-posted-below = Preview: posted below.
preview-not-ready = The preview isn't ready yet: try again in a moment.
preview-not-ready-slack = The preview isn't ready yet: try { $cmd_voices } → { button-preview } in a minute.
clone-next-steps = Use it with { $cmd_say }; manage it with { $cmd_voices }.
clone-next-steps-slack = Use it with `{ $cmd_say } your text`; manage your voices with `{ $cmd_voices }`.
# Titles of uploaded audio files.
preview-title = Preview of { $name }
say-file-title = AI voice clone: { $name }
preview-of = Preview of { $name }: { $url }
preview-sent-to-dm = I've sent you the preview of { $name } in our direct messages.
preview-named-not-ready = The preview of { $name } isn't ready yet: try again in a minute.
renamed = Renamed: { $voice }
default-voice-is = Default voice: { $voice }
default-now = { $name } is now your default voice.
deleted = Deleted { $name }.
default-marker = default
# /say: the label posted with every spoken text. It must always say it is an AI voice clone
# and whose: $owner is the member's display name, $voice the voice's name, $text what is said.
say-label = 🔊 AI voice clone of { $owner } ("{ $voice }"): { $text }
say-usage = Tell me what to say: `{ $cmd_say } Hello everyone!`
say-sent-to-dm =
    I can't post in this channel (invite me to it first), so I've sent the audio to our direct messages.

## Lists of voices.

voices-title = Your voices
voices-title-count = Your voices ({ $count })
voices-none =
    You have no cloned voice yet. Use { $cmd_clone } with a recording of you speaking, or send me a voice message in a direct message.
voices-none-short = You have no voices yet.
voices-none-slack = You have no voices yet. Send me an audio clip in DM to clone yours.
voices-more =
    …and { $count } more.
voices-more-slack =
    …and { $count } more. Delete some to see the others here.
voices-count =
    You have { $count ->
        [one] { $count } voice
       *[other] { $count } voices
    }.
delete-confirm-title = Delete this voice?
delete-confirm-text = { $name } will be deleted for good.

## Forget me.

forget-title = Erase everything about you?
forget-body =
    This deletes all your cloned voices at the voice service and every record this bot keeps about you. It can't be undone.
forget-title-slack = Erase all your voices and everything I know about you?
forget-body-slack =
    Your cloned voices are deleted from the voice service, and your requests, consents and history are erased. This can't be undone.
forget-done =
    Done: everything about you is erased ({ $voices ->
        [one] { $voices } voice
       *[other] { $voices } voices
    } deleted at the voice service, { $requests ->
        [one] { $requests } request
       *[other] { $requests } requests
    }, { $consents ->
        [one] { $consents } consent record
       *[other] { $consents } consent records
    } and { $pending ->
        [one] { $pending } pending click
       *[other] { $pending } pending clicks
    } removed).
forget-done-slack =
    Done: I deleted { $voices ->
        [one] { $voices } voice
       *[other] { $voices } voices
    } and erased everything I knew about you.
forget-cancelled = Cancelled: nothing was erased.

## Help.

dm-help =
    Send me a voice message (or an audio file) of you speaking, 10 to 30 seconds, and I'll clone your voice after you confirm. In a server, use { $cmd_clone } or “{ menu-clone-this-voice }” on your own voice message.
how-to-record =
    I need a recording of your voice first. Open a direct message with me, press the microphone button to record an audio clip (or attach an audio file), speak clearly for 10 to 30 seconds and send it. I'll then ask for your consent; or run `{ $cmd_clone } [name]` within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } of sending it.

## Admin settings.

settings-title-server = Voice clone settings for this server
settings-title = Voice-clone settings here
settings-updated = Updated { $name }.
settings-cloning = Cloning: { $value }
settings-say = { $cmd_say }: { $value }
settings-required-role = Required role: { $value }
settings-voices-per-member = Voices per member: { $value }
settings-cooldown = Cooldown between clones: { $value }
settings-max-say = Max { $cmd_say } length: { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }
settings-read = Reading messages aloud: { $value }
settings-read-channel = Read channel: { $value }
settings-read-max = Longest message read: { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }
settings-read-ignore-prefixes = Not read when starting with: { $value }
settings-read-emoji = Emoji: { $value }
settings-read-emoji-names = read by their name
settings-read-emoji-off = left out
settings-read-announce = Say who speaks: { $value }
settings-read-announce-off = never
settings-read-announce-on-change = when another member spoke
settings-read-rates = Characters read per minute: { $member } per member, { $community } for the server
settings-change-hint = Change one with `{ $cmd_clone_settings } <key> <value>`.
settings-usage =
    Usage: `{ $cmd_clone_settings }` to see the settings, `{ $cmd_clone_settings } <key> <value>` to change one.
value-on = on
value-off = off
value-none = none
value-anyone = anyone

# Reading messages aloud (bot/reading/text.py): phrases spoken in the member's own voice, so
# short and in the first person's way of speaking ("sent an image", not "NAME sent").
read-code-block = a code block
read-spoiler = a spoiler
# $domain is the link's domain only (example.com).
read-link = a link to { $domain }
read-link-plain = a link
read-images = { $count ->
    [one] sent an image
   *[other] sent { $count } images
}
read-files = { $count ->
    [one] sent a file
   *[other] sent { $count } files
}
read-sticker = sent a sticker: { $name }
read-sticker-unnamed = sent a sticker
read-forwarded = forwarded a message
read-and-more = and more

## Voice channels (Discord).

say-posted-as-audio = Posted here as audio: you're not in a voice channel I can speak in.
voice-speaking-in = Speaking in { $channel }.
voice-queued-in = Queued in { $channel } ({ $position } before it).
voice-not-speaking = I'm not speaking in a voice channel here.
voice-stopped =
    Stopped and left the voice channel ({ $dropped ->
        [one] { $dropped } utterance
       *[other] { $dropped } utterances
    } dropped).
voice-skipped = Skipped.
voice-nothing-playing = Nothing is playing.

## Reading messages aloud (/read, Discord).

read-announce = { $name }: { $text }
read-on-joined = Reading your messages aloud in { $voice }, in { $channel }. Write in its chat while you are in it.
read-on-elsewhere = Reading is on, in { $voice }. It starts once you and I are in one voice channel: join one and write in its chat.
read-on-busy = Reading is on, in { $voice }. I'm speaking in another voice channel here: reading starts once you and I are in one channel.
read-off-done = Reading your messages aloud is off.
read-off-already = Reading was already off.
read-status-on = Reading your messages aloud is on, in { $voice }.
read-status-off = Reading your messages aloud is off. Turn it on with { $cmd_read_on }.
error-read-needs-message-content = Reading messages aloud needs Discord's message content, which this bot doesn't get. An operator must switch on `Message Content Intent` in the Discord developer portal (Bot page), set `DISCORD_MESSAGE_CONTENT=true` and restart the bot.
error-read-disabled = The admins of this community have turned reading messages aloud off here.
error-busy-reading = Too many of your messages are waiting to be read.

## Discord commands: names (lowercase, one word, ≤ 32) and descriptions (≤ 100).

cmd-clone-name = clone
cmd-clone-desc = Clone your voice from a recording of you speaking
cmd-clone-opt-sample-name = sample
cmd-clone-opt-sample-desc = A voice message or audio file of you speaking (10 to 30 seconds is best)
cmd-clone-opt-name-name = name
cmd-clone-opt-name-desc = A name for the voice
cmd-clone-opt-description-name = description
cmd-clone-opt-description-desc = A short description of the voice
cmd-clone-opt-accent-name = accent
cmd-clone-opt-accent-desc = The accent, e.g. “American (US)”
cmd-clone-opt-gender-name = gender
cmd-clone-opt-gender-desc = The voice's gender
cmd-clone-opt-style-name = style
cmd-clone-opt-style-desc = Speaking styles, comma-separated, e.g. “Storytelling”
cmd-clone-opt-enhance-name = enhance
cmd-clone-opt-enhance-desc = Remove background noise before cloning
cmd-clone-opt-transcript-name = transcript
cmd-clone-opt-transcript-desc = What you say in the recording (improves the clone)
cmd-voices-name = voices
cmd-voices-desc = List your cloned voices
cmd-voice-name = voice
cmd-voice-desc = Manage one of your cloned voices
cmd-voice-preview-name = preview
cmd-voice-preview-desc = Hear a preview of one of your voices
cmd-voice-preview-opt-voice-name = voice
cmd-voice-preview-opt-voice-desc = Which voice (your default if left out)
cmd-voice-rename-name = rename
cmd-voice-rename-desc = Rename one of your voices
cmd-voice-rename-opt-voice-name = voice
cmd-voice-rename-opt-voice-desc = Which voice
cmd-voice-rename-opt-name-name = name
cmd-voice-rename-opt-name-desc = The new name
cmd-voice-rename-opt-description-name = description
cmd-voice-rename-opt-description-desc = A new description
cmd-voice-default-name = default
cmd-voice-default-desc = Make one of your voices the default for /{ cmd-say-name }
cmd-voice-default-opt-voice-name = voice
cmd-voice-default-opt-voice-desc = Which voice
cmd-voice-delete-name = delete
cmd-voice-delete-desc = Delete one of your voices
cmd-voice-delete-opt-voice-name = voice
cmd-voice-delete-opt-voice-desc = Which voice
cmd-forget-me-name = forget-me
cmd-forget-me-desc = Erase your voices and everything about you
cmd-say-name = say
cmd-say-desc = Say something with your cloned voice
cmd-say-opt-text-name = text
cmd-say-opt-text-desc = What to say
cmd-say-opt-voice-name = voice
cmd-say-opt-voice-desc = Which of your voices (your default if left out)
cmd-say-opt-private-name = private
cmd-say-opt-private-desc = Only you hear it
cmd-clone-settings-name = clone-settings
cmd-clone-settings-desc = Show or change voice cloning settings for this server
cmd-clone-settings-opt-cloning-name = cloning
cmd-clone-settings-opt-cloning-desc = Allow voice cloning here
cmd-clone-settings-opt-say-name = say
cmd-clone-settings-opt-say-desc = Allow /{ cmd-say-name } here
cmd-clone-settings-opt-required_role-name = required_role
cmd-clone-settings-opt-required_role-desc = Only members with this role may clone and use /{ cmd-say-name }
cmd-clone-settings-opt-no_required_role-name = no_required_role
cmd-clone-settings-opt-no_required_role-desc = Remove the required role
cmd-clone-settings-opt-voices_per_member-name = voices_per_member
cmd-clone-settings-opt-voices_per_member-desc = How many voices each member may have
cmd-clone-settings-opt-cooldown_seconds-name = cooldown_seconds
cmd-clone-settings-opt-cooldown_seconds-desc = Seconds between two clones by one member
cmd-clone-settings-opt-max_say_length-name = max_say_length
cmd-clone-settings-opt-max_say_length-desc = The longest /{ cmd-say-name } text, in characters
cmd-clone-settings-opt-read-name = read
cmd-clone-settings-opt-read-desc = Allow reading members' messages aloud here
cmd-clone-settings-opt-read_channel-name = read_channel
cmd-clone-settings-opt-read_channel-desc = A text channel whose messages are read too
cmd-clone-settings-opt-no_read_channel-name = no_read_channel
cmd-clone-settings-opt-no_read_channel-desc = Remove the read channel
cmd-clone-settings-opt-read_max_length-name = read_max_length
cmd-clone-settings-opt-read_max_length-desc = The longest message read aloud, in characters
cmd-clone-settings-opt-read_ignore_prefixes-name = read_ignore_prefixes
cmd-clone-settings-opt-read_ignore_prefixes-desc = Messages starting with these are not read (separated by spaces)
cmd-clone-settings-opt-read_emoji-name = read_emoji
cmd-clone-settings-opt-read_emoji-desc = Whether emoji are read by their name
cmd-clone-settings-opt-read_announce-name = read_announce
cmd-clone-settings-opt-read_announce-desc = Whether the bot says who speaks
cmd-clone-settings-opt-read_member_chars_per_minute-name = read_member_chars_per_minute
cmd-clone-settings-opt-read_member_chars_per_minute-desc = Characters read per minute for one member
cmd-clone-settings-opt-read_server_chars_per_minute-name = read_server_chars_per_minute
cmd-clone-settings-opt-read_server_chars_per_minute-desc = Characters read per minute for the whole server
# Choices of /clone gender.
cmd-choice-male = Male
cmd-choice-female = Female
cmd-choice-neutral = Neutral
cmd-choice-unspecified = Unspecified
cmd-choice-read-their-names = Read their names
cmd-choice-leave-them-out = Leave them out
cmd-choice-never = Never
cmd-choice-when-another-member-spoke = When another member spoke
# The message menu entry (1 to 32 characters; spaces and capitals allowed).
menu-clone-this-voice = Clone this voice
cmd-voice-stop-name = voice-stop
cmd-voice-stop-desc = Stop speaking and leave the voice channel
cmd-voice-skip-name = voice-skip
cmd-voice-skip-desc = Skip what the bot is saying now

## My data, help, the Slack Home tab and welcome.

cmd-my-data-name = my-data
cmd-my-data-desc = Download everything this bot holds about you
cmd-help-name = help
cmd-help-desc = What this bot can do for you here
my-data-ready = Here is everything this bot holds about you, as a JSON file. Only you can see it.
error-my-data-cooldown = You can download your data once a minute. Try again { $wait }.
help-title = What I can do for you
help-how-to-clone = Clone your voice in one of three ways: { $cmd_clone } with a recording, “{ menu-clone-this-voice }” on your own voice message (in its Apps menu), or send me a voice message here in our direct messages. I ask for your consent before anything is sent.
help-commands-title = Commands you can use here
help-admin-title = For the admins of this server
help-cmd-clone = { $cmd_clone }: clone your voice from a recording
help-cmd-voices = { $cmd_voices }: your voices, to preview, rename, make default or delete
help-cmd-say = { $cmd_say }: say something in your cloned voice
help-cmd-my-data = { $cmd_my_data }: download everything this bot holds about you
help-cmd-forget-me = { $cmd_forget_me }: erase your voices and everything about you
help-cmd-help = { $cmd_help }: this overview
help-cmd-clone-settings = { $cmd_clone_settings }: show or change the voice cloning settings of this server
help-status-clone = Voice cloning in this server: { $state }
help-status-say = { $cmd_say } in this server: { $state }
help-status-dm = In our direct messages you can clone your voice and use { $cmd_say }.
home-how-to-title = How to clone your voice
home-how-to = Open the *Messages* tab of this app, record a clip of you speaking (10 to 30 seconds) or attach an audio file, and press “{ button-consent }”. Then use { $cmd_voices } to manage your voices and { $cmd_say } to speak with them.
home-voices-title = Your voices
home-no-voices = You have no voices yet.
home-consents-title = Your consents
home-consent-line = { $when }: consent statement version { $version }, in { $language }
home-no-consents = No consent recorded.
home-settings-title = Settings of this workspace (admins only)
button-my-data = Download my data
button-forget-me = Forget me
welcome-title = Welcome! I can clone your voice.
cmd-read-name = read
cmd-read-desc = Read your messages aloud in your cloned voice
cmd-read-on-name = on
cmd-read-on-desc = Read my messages aloud in the voice channel I am in
cmd-read-on-opt-voice-name = voice
cmd-read-on-opt-voice-desc = Which of your voices (your default if left out)
cmd-read-off-name = off
cmd-read-off-desc = Stop reading my messages aloud
cmd-read-status-name = status
cmd-read-status-desc = Is reading my messages aloud on?
