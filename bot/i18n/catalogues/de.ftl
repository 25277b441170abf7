### Deutsch. Übersetzt aus en.ftl; Anrede: du, locker und direkt wie im Englischen.

## Fehler

error-internal = Bei uns ist etwas schiefgelaufen.
error-internal-reference = Bei uns ist etwas schiefgelaufen (Referenz { $reference }).
error-not-audio =
    In dieser Datei finde ich keinen Ton, den ich lesen kann. Schick mir eine Sprachnachricht oder eine Audiodatei (ogg, mp3, m4a, wav, flac, webm), in der du sprichst.
error-no-speech =
    In dieser Aufnahme höre ich niemanden sprechen. Nimm dich 10 bis 30 Sekunden lang auf, deutlich und nah am Mikrofon.
error-too-short =
    In dieser Aufnahme wird zu wenig gesprochen: Es braucht mindestens 3 Sekunden, mit 10 bis 30 wird der Klon am besten. Nimm eine längere Nachricht auf und versuch es noch einmal.
error-too-large = Diese Datei ist zu groß. Schick eine kürzere Aufnahme: 30 Sekunden Sprache reichen völlig.
error-download-failed = Ich konnte die Datei nicht herunterladen. Schick sie gleich noch einmal.
error-consent-required =
    Bevor ich eine Stimme klone, brauche ich deine Zustimmung. Bestätige, dass das deine eigene Stimme ist und du mit dem Klonen einverstanden bist.
error-cooldown = Das war zu schnell hintereinander. Versuch es { $wait } noch einmal.
error-voice-limit-reached = Du hast schon so viele Stimmen, wie hier erlaubt sind: Lösche zuerst eine davon.
next-step-delete-voice = Mit { $cmd_voice_delete } kannst du eine löschen.
error-disabled-here = Die Admins dieser Community haben das hier abgeschaltet.
error-not-allowed = Das darfst du hier nicht. Frag einen Admin dieser Community.
error-not-owner = Diese Stimme gehört dir nicht: Du kannst nur deine eigenen Stimmen nutzen und verwalten.
error-voice-not-found = Diese Stimme finde ich unter deinen nicht.
next-step-list-voices = Mit { $cmd_voices } siehst du, welche Stimmen du hast.
error-busy = Ich klone gerade viele andere Stimmen. Versuch es in einer Minute noch einmal.
error-quota-exhausted =
    Das Kontingent dieses Bots beim Sprachdienst ist aufgebraucht. Ein Betreiber muss es aufstocken; versuch es später noch einmal.
error-clone-slots-full =
    Im Sprachdienst-Konto dieses Bots ist kein Platz für weitere Klone frei. Ein Betreiber muss welche freigeben; versuch es später noch einmal.
error-bad-quality =
    Dem Sprachdienst war die Aufnahme zu verrauscht oder zu undeutlich. Nimm sie noch einmal in einem ruhigen Raum auf, nah am Mikrofon.
error-format-rejected =
    Der Sprachdienst konnte diesen Ton nicht lesen. Versuch es mit einer anderen Aufnahme oder einem anderen Format.
error-invalid-language = Diese Sprache unterstützt der Sprachdienst nicht.
error-service-misconfigured =
    Der Bot ist für den Sprachdienst nicht richtig eingerichtet. Sag einem Betreiber Bescheid; du selbst kannst das nicht beheben.
error-service-unavailable = Der Sprachdienst antwortet gerade nicht. Versuch es in ein paar Minuten noch einmal.
error-consent-expired =
    Diese Anfrage ist abgelaufen oder wurde schon beantwortet. Schick deine Aufnahme noch einmal, um neu anzufangen.
error-not-your-button = Nur wer gefragt hat, kann hierauf antworten.
error-restarting = Der Bot startet gerade neu. Gib deine Zustimmung in einer Minute noch einmal.
error-request-in-progress = Deine frühere Anfrage zu dieser Aufnahme wird noch bearbeitet.
error-first-request-processing = Deine erste Anfrage wird noch bearbeitet.
error-erased-during-clone =
    Deine Daten wurden gelöscht, während dieser Klon lief, deshalb wurde auch seine Stimme gelöscht.
error-not-own-recording =
    Du kannst nur deine eigene Stimme klonen: Diese Aufnahme hat jemand anderes geschickt.
error-clone-in-progress =
    Ein Klon deiner Stimme läuft noch. Starte { $cmd_forget_me } in einer Minute noch einmal, wenn er fertig ist; dann wird er mitgelöscht.
error-no-voice-yet = Du hast noch keine Stimme: Klone zuerst eine.
next-step-clone = Nutze { $cmd_clone } mit einer Aufnahme, in der du sprichst.
error-name-length = Der Name einer Stimme muss 1 bis { $max } Zeichen lang sein.
error-description-length = Eine Beschreibung darf höchstens { $max } Zeichen lang sein.
error-preview-not-ready = Die Hörprobe dieser Stimme wird noch erstellt. Versuch es gleich noch einmal.
error-field-update-not-allowed = Der Sprachdienst erlaubt nicht, das Feld „{ $field }“ einer Stimme zu ändern.
error-field-update-not-allowed-any = Der Sprachdienst erlaubt nicht, dieses Feld einer Stimme zu ändern.
error-role-required = Zum Klonen von Stimmen brauchst du die Rolle, die diese Community verlangt. Frag einen Admin.
error-members-only = Stimmen klonen dürfen hier nur Mitglieder, die die Admins freigegeben haben. Frag einen Admin.
error-cloning-disabled = Die Admins dieser Community haben das Klonen von Stimmen hier abgeschaltet.
error-say-disabled = Die Admins dieser Community haben { $cmd_say } hier abgeschaltet.
error-settings-admins-only = Nur Admins dieser Community können ihre Einstellungen ändern.
error-settings-view-admins-only = Nur Admins dieser Community können ihre Einstellungen sehen und ändern.
error-settings-need-community = Einstellungen gehören zu einem Server oder Workspace: Führ das dort aus.
error-setting-unknown = Unbekannte Einstellung { $name }. Einstellungen: { $known }.
error-setting-not-on-off = { $name } muss an oder aus sein, nicht { $value }.
error-setting-not-number = { $name } muss eine Zahl sein.
error-setting-out-of-range = { $name } muss zwischen { $low } und { $high } liegen.
error-setting-not-choice = { $name } muss einer dieser Werte sein: { $choices }, nicht { $value }.
error-setting-not-channel = { $name } muss ein Kanal dieser Community sein, nicht { $value }.
error-setting-prefixes = { $name } nimmt höchstens { $count } durch Leerzeichen getrennte Präfixe, jedes höchstens { $length } Zeichen lang.
error-say-nothing-left = Ohne Erwähnungen und Links bleibt nichts mehr zum Sprechen übrig.
error-say-too-long =
    Dieser Text ist zu lang: höchstens { $max ->
        [one] { $max } Zeichen
       *[other] { $max } Zeichen
    }.
error-say-recording-too-long = Aus diesem Text würde eine zu lange Aufnahme: Sag weniger auf einmal.
error-busy-says = Gerade wird sehr viel gesprochen. Versuch es in einer Minute noch einmal.
error-busy-community-says = In dieser Community wird gerade sehr viel gesprochen. Versuch es in einer Minute noch einmal.
error-busy-member-speech =
    Du hast schon { $max ->
        [one] eine Sprachausgabe
       *[other] { $max } Sprachausgaben
    } in Arbeit, in der Warteschlange oder beim Abspielen, mehr geht nicht gleichzeitig: Warte, bis eine fertig ist.
error-voice-queue-full = Die Warteschlange im Sprachkanal ist voll (höchstens { $max }): Versuch es noch einmal, wenn sie abgespielt ist.
error-voice-queue-seconds = Im Sprachkanal gibt es schon viel zu sagen: Versuch es in einer Minute noch einmal.
error-voice-speech-too-long = Das zu sagen würde etwa { $seconds } s dauern, ein Sprachkanal nimmt aber höchstens { $max } s auf einmal: Sag weniger oder mach weniger Pausen.
error-voice-speech-cut = Deine Sprachausgabe wurde nach { $max } s abgeschnitten: Mehr spielt ein Sprachkanal nicht auf einmal ab.
error-no-speech-model = Noch keines der Sprachmodelle spricht die Sprache dieser Stimme.
error-file-empty = Diese Datei ist leer. Schick eine Sprachnachricht oder eine Audiodatei, in der du sprichst.
error-video-no-sound = Dieses Video hat keinen Ton. Schick ein Video oder eine Audiodatei, in der du sprichst.
error-recording-too-long =
    Diese Aufnahme ist zu lang (die Grenze liegt bei { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }). Schick eine kürzere: 30 Sekunden Sprache reichen völlig.
error-file-too-large =
    Diese Datei ist zu groß (die Grenze liegt bei { $megabytes } MB). Schick eine kürzere Aufnahme: 30 Sekunden Sprache reichen völlig.
error-speech-too-short =
    In dieser Aufnahme wird nur etwa { NUMBER($seconds, maximumFractionDigits: 1) } s gesprochen: Es braucht mindestens { $min } s, mit 10 bis 30 wird der Klon am besten. Nimm eine längere Nachricht auf und versuch es noch einmal.
error-server-only = Das geht nur auf einem Server.
error-interrupted-by-restart =
    Diese Anfrage wurde durch einen Neustart des Bots unterbrochen. Starte { $cmd_clone } noch einmal mit deiner Aufnahme.
error-message-gone = Diese Nachricht finde ich nicht mehr. Schick deine Aufnahme noch einmal.
error-recording-not-visible =
    Diese Aufnahme kann ich nicht mehr sehen. Nutze „{ menu-clone-this-voice }“ noch einmal darauf oder schick sie mir per Direktnachricht.
error-no-audio-attachment =
    Diese Nachricht hat keinen Audioanhang. Nutze das bei einer Sprachnachricht oder einer Audiodatei.
error-upload-too-large = Das wird eine zu lange Aufnahme, um sie hier zu posten: Sag weniger auf einmal.
error-slack-sign-in-page =
    Ich konnte deinen Clip nicht herunterladen: Slack hat mir statt des Tons eine Anmeldeseite geschickt, das heißt, dieser App fehlt die Berechtigung files:read. Bitte einen Workspace-Admin, den Scope files:read hinzuzufügen und die App neu zu installieren, und schick deinen Clip dann noch einmal.
error-slack-clip-gone = Diesen Clip finde ich nicht mehr: Vielleicht wurde er gelöscht. Schick ihn mir noch einmal.
error-bad-quality-clipped =
    Die Aufnahme ist verzerrt: Deine Stimme übersteuert (zu laut für das Mikrofon). Nimm noch einmal etwas weiter weg vom Mikrofon auf oder mit niedrigerem Eingangspegel.
error-bad-quality-quiet =
    Die Aufnahme ist zu leise zum Klonen. Nimm noch einmal nah am Mikrofon auf und sprich in normaler Lautstärke.
error-bad-quality-noisy =
    Die Hintergrundgeräusche sind zu stark: so laut wie deine Stimme. Nimm noch einmal in einem ruhigen Raum nah am Mikrofon auf.
error-too-slow-to-read =
    Diese Datei zu lesen dauert zu lange. Schick eine kürzere Aufnahme oder ein gängiges Format (Sprachnachricht, mp3, m4a oder wav).
error-too-much-memory =
    Diese Datei braucht zum Lesen mehr Speicher, als ich erlaube. Schick eine kürzere Aufnahme oder ein gängiges Format (Sprachnachricht, mp3, m4a oder wav).
error-unreadable-file =
    Diese Datei konnte ich nicht lesen. Schick eine Sprachnachricht oder ein gängiges Audioformat (ogg, mp3, m4a, wav, flac).
tip-quiet = Tipp: Sprich näher am Mikrofon; die Aufnahme ist leise.
tip-clipped = Tipp: Halte das Mikrofon etwas weiter weg; laute Stellen sind verzerrt.
tip-noisy =
    Tipp: Nimm an einem ruhigeren Ort auf; hinter deiner Stimme sind Geräusche zu hören.
error-code-note = { $code }
error-code-note-reference = { $code } · Referenz { $reference }

## Zustimmung

consent-statement-version = 2026-12-01.1
consent-statement =
    Ich bestätige, dass diese Aufnahme meine eigene Stimme ist. Ich bin einverstanden, dass sie an die Async Voice API geschickt wird, um einen Stimmklon zu erstellen, den nur ich nutzen kann: hier und in meinen Direktnachrichten mit diesem Bot. Die Aufnahme selbst wird nicht aufbewahrt. Ich kann die Stimme jederzeit löschen oder mit { $cmd_forget_me } alles über mich löschen lassen.
consent-title = Bevor ich diese Stimme klone
consent-title-slack = Deine Stimme aus diesem Clip klonen?
consent-title-slack-named = Deine Stimme aus diesem Clip als { $name } klonen?
consent-confirm-own-voice = Bitte bestätige, dass es deine eigene Stimme ist.
consent-instructions =
    Drück „{ button-consent }“, um loszulegen, oder „{ button-cancel }“. Bevor du das tust, wird nichts irgendwohin geschickt. Diese Anfrage läuft in { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } ab.
consent-only-you =
    Nur du kannst antworten. Diese Anfrage läuft in { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } ab.
consent-sent-to-dm = Ich habe dir die Frage nach deiner Zustimmung per Direktnachricht geschickt: Antworte bitte dort.
consent-cancelled = Abgebrochen: Es wurde nichts verschickt oder geändert.
consent-cancelled-clip = Abgebrochen: Ich klone diesen Clip nicht.

## Buttons

button-consent = Ich stimme zu, das ist meine Stimme
button-cancel = Abbrechen
button-erase-everything = Alles löschen
button-preview = Anhören
button-make-default = Als Standard festlegen
button-delete = Löschen
button-keep = Behalten

## Fortschritt

progress-reading = Lade deine Aufnahme herunter…
progress-reading-clip = Lade deinen Clip herunter…
progress-converting = Wandle den Ton um…
progress-converting-clip = Wandle deinen Clip um…
progress-cloning = Klone deine Stimme, das dauert ein paar Sekunden…
progress-cloning-short = Klone deine Stimme…
progress-preview = Hole eine Hörprobe…
progress-working = Bin dran…
progress-erasing = Lösche…

## Ergebnisse

clone-ready = Deine Stimme { $name } ist fertig.
voice-languages = Sprachen: { $languages }
languages-not-detected = noch nicht erkannt
preview-link = Hörprobe: { $url }
preview-listen = anhören
preview-posted-below = Hörprobe: siehe unten.
preview-not-ready = Die Hörprobe ist noch nicht fertig: Versuch es gleich noch einmal.
preview-not-ready-slack = Die Hörprobe ist noch nicht fertig: Versuch es in einer Minute mit { $cmd_voices } → { button-preview }.
clone-next-steps = Nutze sie mit { $cmd_say }; verwalte sie mit { $cmd_voices }.
clone-next-steps-slack = Nutze sie mit `{ $cmd_say } dein Text`; verwalte deine Stimmen mit `{ $cmd_voices }`.
preview-title = Hörprobe von { $name }
say-file-title = KI-Stimmklon: { $name }
preview-of = Hörprobe von { $name }: { $url }
preview-sent-to-dm = Ich habe dir die Hörprobe von { $name } per Direktnachricht geschickt.
preview-named-not-ready = Die Hörprobe von { $name } ist noch nicht fertig: Versuch es in einer Minute noch einmal.
renamed = Umbenannt: { $voice }
default-voice-is = Standardstimme: { $voice }
default-now = { $name } ist jetzt deine Standardstimme.
deleted = { $name } gelöscht.
default-marker = Standard
say-label = 🔊 KI-Stimmklon von { $owner } („{ $voice }“): { $text }
say-usage = Sag mir, was ich sagen soll: `{ $cmd_say } Hallo zusammen!`
say-sent-to-dm =
    In diesem Kanal kann ich nicht posten (lade mich zuerst ein), deshalb habe ich dir den Ton per Direktnachricht geschickt.

## Stimmenlisten

voices-title = Deine Stimmen
voices-title-count = Deine Stimmen ({ $count })
voices-none =
    Du hast noch keine geklonte Stimme. Nutze { $cmd_clone } mit einer Aufnahme, in der du sprichst, oder schick mir eine Sprachnachricht per Direktnachricht.
voices-none-short = Du hast noch keine Stimmen.
voices-none-slack = Du hast noch keine Stimmen. Schick mir per Direktnachricht einen Audioclip, um deine zu klonen.
voices-more = …und { $count } weitere.
voices-more-slack = …und { $count } weitere. Lösch ein paar, um die anderen hier zu sehen.
voices-count =
    Du hast { $count ->
        [one] { $count } Stimme
       *[other] { $count } Stimmen
    }.
delete-confirm-title = Diese Stimme löschen?
delete-confirm-text = { $name } wird endgültig gelöscht.

## Vergiss mich

forget-title = Alles über dich löschen?
forget-body =
    Damit werden alle deine geklonten Stimmen beim Sprachdienst gelöscht und alle Daten, die dieser Bot über dich speichert. Das lässt sich nicht rückgängig machen.
forget-title-slack = Alle deine Stimmen und alles, was ich über dich weiß, löschen?
forget-body-slack =
    Deine geklonten Stimmen werden beim Sprachdienst gelöscht, und deine Anfragen, Zustimmungen und dein Verlauf werden entfernt. Das lässt sich nicht rückgängig machen.
forget-done =
    Erledigt: Alles über dich ist gelöscht ({ $voices ->
        [one] { $voices } Stimme
       *[other] { $voices } Stimmen
    } beim Sprachdienst gelöscht, { $requests ->
        [one] { $requests } Anfrage
       *[other] { $requests } Anfragen
    }, { $consents ->
        [one] { $consents } Zustimmung
       *[other] { $consents } Zustimmungen
    } und { $pending ->
        [one] { $pending } offener Klick
       *[other] { $pending } offene Klicks
    } entfernt).
forget-done-slack =
    Erledigt: Ich habe { $voices ->
        [one] { $voices } Stimme
       *[other] { $voices } Stimmen
    } gelöscht und alles vergessen, was ich über dich wusste.
forget-cancelled = Abgebrochen: Es wurde nichts gelöscht.

## Hilfe

dm-help =
    Schick mir eine Sprachnachricht (oder eine Audiodatei), in der du 10 bis 30 Sekunden sprichst, und ich klone deine Stimme, sobald du zustimmst. Auf einem Server nutze { $cmd_clone } oder „{ menu-clone-this-voice }“ bei deiner eigenen Sprachnachricht.
how-to-record =
    Ich brauche zuerst eine Aufnahme deiner Stimme. Öffne eine Direktnachricht mit mir, drück auf das Mikrofon, um einen Audioclip aufzunehmen (oder häng eine Audiodatei an), sprich 10 bis 30 Sekunden deutlich und schick ihn ab. Dann frage ich nach deiner Zustimmung; oder starte `{ $cmd_clone } [name]` innerhalb von { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } nach dem Senden.

## Admin-Einstellungen

settings-title-server = Stimmklon-Einstellungen dieses Servers
settings-title = Einstellungen zum Stimmklonen hier
settings-updated = { $name } aktualisiert.
settings-cloning = Klonen: { $value }
settings-say = { $cmd_say }: { $value }
settings-required-role = Erforderliche Rolle: { $value }
settings-voices-per-member = Stimmen pro Mitglied: { $value }
settings-cooldown = Wartezeit zwischen zwei Klonen: { $value }
settings-max-say = Maximale Länge für { $cmd_say }: { $count ->
        [one] { $count } Zeichen
       *[other] { $count } Zeichen
    }
settings-read = Nachrichten vorlesen: { $value }
settings-read-channel = Vorlese-Kanal: { $value }
settings-read-max = Längste vorgelesene Nachricht: { $count ->
        [one] { $count } Zeichen
       *[other] { $count } Zeichen
    }
settings-read-ignore-prefixes = Nicht vorgelesen, wenn sie beginnt mit: { $value }
settings-read-emoji = Emojis: { $value }
settings-read-emoji-names = beim Namen genannt
settings-read-emoji-off = weggelassen
settings-read-announce = Sagen, wer spricht: { $value }
settings-read-announce-off = nie
settings-read-announce-on-change = wenn zwischendurch jemand anderes sprach
settings-read-rates = Vorgelesene Zeichen pro Minute: { $member } pro Mitglied, { $community } für den Server
settings-change-hint = Ändern mit `{ $cmd_clone_settings } <einstellung> <wert>`.
settings-usage =
    So geht’s: `{ $cmd_clone_settings }` zeigt die Einstellungen, `{ $cmd_clone_settings } <einstellung> <wert>` ändert eine.
value-on = an
value-off = aus
value-none = keine
value-anyone = alle

read-code-block = ein Codeblock
read-spoiler = ein Spoiler
read-link = ein Link zu { $domain }
read-link-plain = ein Link
read-images = { $count ->
    [one] hat ein Bild geschickt
   *[other] hat { $count } Bilder geschickt
}
read-files = { $count ->
    [one] hat eine Datei geschickt
   *[other] hat { $count } Dateien geschickt
}
read-sticker = hat einen Sticker geschickt: { $name }
read-sticker-unnamed = hat einen Sticker geschickt
read-forwarded = hat eine Nachricht weitergeleitet
read-and-more = und so weiter

## Sprachkanäle (Discord).

say-posted-as-audio = Hier als Audio gepostet: Du bist in keinem Sprachkanal, in dem ich sprechen kann.
voice-speaking-in = Ich spreche in { $channel }.
voice-queued-in = In { $channel } eingereiht ({ $position } davor).
voice-not-speaking = Ich spreche hier in keinem Sprachkanal.
voice-stopped =
    Angehalten, ich habe den Sprachkanal verlassen ({ $dropped ->
        [one] { $dropped } Äußerung
       *[other] { $dropped } Äußerungen
    } verworfen).
voice-skipped = Übersprungen.
voice-nothing-playing = Gerade läuft nichts.

## Reading messages aloud (/read, Discord).

read-announce = { $name }: { $text }
read-on-joined = Ich lese deine Nachrichten mit { $voice } vor, in { $channel }. Schreib in seinen Chat, solange du drin bist.
read-on-elsewhere = Vorlesen ist an, mit { $voice }. Es beginnt, sobald wir beide im selben Sprachkanal sind: geh in einen und schreib in seinen Chat.
read-on-busy = Vorlesen ist an, mit { $voice }. Ich spreche gerade in einem anderen Sprachkanal hier: es beginnt, sobald wir beide im selben Kanal sind.
read-off-done = Vorlesen deiner Nachrichten ist aus.
read-off-already = Vorlesen war schon aus.
read-status-on = Vorlesen deiner Nachrichten ist an, mit { $voice }.
read-status-off = Vorlesen deiner Nachrichten ist aus. Schalte es mit { $cmd_read_on } ein.
error-read-needs-message-content = Zum Vorlesen braucht der Bot den Inhalt der Nachrichten, den er nicht bekommt. Ein Betreiber muss im Discord-Entwicklerportal (Seite Bot) `Message Content Intent` einschalten, `DISCORD_MESSAGE_CONTENT=true` setzen und den Bot neu starten.
error-read-disabled = Die Admins dieser Community haben das Vorlesen von Nachrichten hier ausgeschaltet.
error-busy-reading = Zu viele deiner Nachrichten warten aufs Vorlesen.

## Discord-Befehle

cmd-clone-name = klonen
cmd-clone-desc = Klone deine Stimme aus einer Aufnahme, in der du sprichst
cmd-clone-opt-sample-name = aufnahme
cmd-clone-opt-sample-desc = Eine Sprachnachricht oder Audiodatei, in der du sprichst (am besten 10 bis 30 Sekunden)
cmd-clone-opt-name-name = name
cmd-clone-opt-name-desc = Ein Name für die Stimme
cmd-clone-opt-description-name = beschreibung
cmd-clone-opt-description-desc = Eine kurze Beschreibung der Stimme
cmd-clone-opt-accent-name = akzent
cmd-clone-opt-accent-desc = Der Akzent, z. B. „Deutsch (Österreich)“
cmd-clone-opt-gender-name = geschlecht
cmd-clone-opt-gender-desc = Das Geschlecht der Stimme
cmd-clone-opt-style-name = stil
cmd-clone-opt-style-desc = Sprechstile, durch Kommas getrennt, z. B. „Erzählend“
cmd-clone-opt-enhance-name = entrauschen
cmd-clone-opt-enhance-desc = Hintergrundgeräusche vor dem Klonen entfernen
cmd-clone-opt-transcript-name = transkript
cmd-clone-opt-transcript-desc = Was du in der Aufnahme sagst (verbessert den Klon)
cmd-voices-name = stimmen
cmd-voices-desc = Zeigt deine geklonten Stimmen
cmd-voice-name = stimme
cmd-voice-desc = Verwalte eine deiner geklonten Stimmen
cmd-voice-preview-name = anhören
cmd-voice-preview-desc = Hör dir eine Probe einer deiner Stimmen an
cmd-voice-preview-opt-voice-name = stimme
cmd-voice-preview-opt-voice-desc = Welche Stimme (ohne Angabe deine Standardstimme)
cmd-voice-rename-name = umbenennen
cmd-voice-rename-desc = Benenne eine deiner Stimmen um
cmd-voice-rename-opt-voice-name = stimme
cmd-voice-rename-opt-voice-desc = Welche Stimme
cmd-voice-rename-opt-name-name = name
cmd-voice-rename-opt-name-desc = Der neue Name
cmd-voice-rename-opt-description-name = beschreibung
cmd-voice-rename-opt-description-desc = Eine neue Beschreibung
cmd-voice-default-name = standard
cmd-voice-default-desc = Mach eine deiner Stimmen zur Standardstimme für /{ cmd-say-name }
cmd-voice-default-opt-voice-name = stimme
cmd-voice-default-opt-voice-desc = Welche Stimme
cmd-voice-delete-name = löschen
cmd-voice-delete-desc = Lösche eine deiner Stimmen
cmd-voice-delete-opt-voice-name = stimme
cmd-voice-delete-opt-voice-desc = Welche Stimme
cmd-forget-me-name = vergiss-mich
cmd-forget-me-desc = Lösche deine Stimmen und alles über dich
cmd-say-name = sagen
cmd-say-desc = Sag etwas mit deiner geklonten Stimme
cmd-say-opt-text-name = text
cmd-say-opt-text-desc = Was gesagt werden soll
cmd-say-opt-voice-name = stimme
cmd-say-opt-voice-desc = Welche deiner Stimmen (ohne Angabe deine Standardstimme)
cmd-say-opt-private-name = privat
cmd-say-opt-private-desc = Nur du hörst es
cmd-clone-settings-name = klon-einstellungen
cmd-clone-settings-desc = Einstellungen zum Stimmklonen auf diesem Server anzeigen oder ändern
cmd-clone-settings-opt-cloning-name = klonen
cmd-clone-settings-opt-cloning-desc = Stimmklonen hier erlauben
cmd-clone-settings-opt-say-name = sagen
cmd-clone-settings-opt-say-desc = /{ cmd-say-name } hier erlauben
cmd-clone-settings-opt-required_role-name = pflichtrolle
cmd-clone-settings-opt-required_role-desc = Nur Mitglieder mit dieser Rolle dürfen klonen und /{ cmd-say-name } nutzen
cmd-clone-settings-opt-no_required_role-name = keine_pflichtrolle
cmd-clone-settings-opt-no_required_role-desc = Die Pflichtrolle entfernen
cmd-clone-settings-opt-voices_per_member-name = stimmen_pro_mitglied
cmd-clone-settings-opt-voices_per_member-desc = Wie viele Stimmen jedes Mitglied haben darf
cmd-clone-settings-opt-cooldown_seconds-name = wartezeit_sekunden
cmd-clone-settings-opt-cooldown_seconds-desc = Sekunden zwischen zwei Klonen desselben Mitglieds
cmd-clone-settings-opt-max_say_length-name = max_textlänge
cmd-clone-settings-opt-max_say_length-desc = Der längste Text für /{ cmd-say-name }, in Zeichen
cmd-clone-settings-opt-read-name = vorlesen
cmd-clone-settings-opt-read-desc = Das Vorlesen der Nachrichten von Mitgliedern hier erlauben
cmd-clone-settings-opt-read_channel-name = vorlese_kanal
cmd-clone-settings-opt-read_channel-desc = Ein Textkanal, dessen Nachrichten auch vorgelesen werden
cmd-clone-settings-opt-no_read_channel-name = kein_vorlese_kanal
cmd-clone-settings-opt-no_read_channel-desc = Den Vorlese-Kanal entfernen
cmd-clone-settings-opt-read_max_length-name = vorlesen_max_länge
cmd-clone-settings-opt-read_max_length-desc = Die längste vorgelesene Nachricht, in Zeichen
cmd-clone-settings-opt-read_ignore_prefixes-name = vorlesen_ignorier_präfixe
cmd-clone-settings-opt-read_ignore_prefixes-desc = Nachrichten, die damit beginnen, werden nicht vorgelesen (durch Leerzeichen getrennt)
cmd-clone-settings-opt-read_emoji-name = vorlesen_emojis
cmd-clone-settings-opt-read_emoji-desc = Ob Emojis beim Namen genannt werden
cmd-clone-settings-opt-read_announce-name = vorlesen_namen_ansagen
cmd-clone-settings-opt-read_announce-desc = Ob der Bot sagt, wer spricht
cmd-clone-settings-opt-read_member_chars_per_minute-name = vorlesen_zeichen_pro_mitglied
cmd-clone-settings-opt-read_member_chars_per_minute-desc = Vorgelesene Zeichen pro Minute für ein Mitglied
cmd-clone-settings-opt-read_server_chars_per_minute-name = vorlesen_zeichen_pro_server
cmd-clone-settings-opt-read_server_chars_per_minute-desc = Vorgelesene Zeichen pro Minute für den ganzen Server
cmd-choice-male = Männlich
cmd-choice-female = Weiblich
cmd-choice-neutral = Neutral
cmd-choice-unspecified = Keine Angabe
cmd-choice-read-their-names = Beim Namen nennen
cmd-choice-leave-them-out = Weglassen
cmd-choice-never = Nie
cmd-choice-when-another-member-spoke = Wenn zwischendurch jemand anderes sprach
menu-clone-this-voice = Diese Stimme klonen
cmd-voice-stop-name = stimme-stopp
cmd-voice-stop-desc = Aufhören zu sprechen und den Sprachkanal verlassen
cmd-voice-skip-name = stimme-überspringen
cmd-voice-skip-desc = Überspringen, was der Bot gerade sagt

## My data, help, the Slack Home tab and welcome.

cmd-my-data-name = meine-daten
cmd-my-data-desc = Lade alles herunter, was dieser Bot über dich speichert
cmd-help-name = hilfe
cmd-help-desc = Was dieser Bot hier für dich tun kann
my-data-ready = Hier ist alles, was dieser Bot über dich speichert, als JSON-Datei. Nur du siehst sie.
error-my-data-cooldown = Du kannst deine Daten einmal pro Minute herunterladen. Versuch es { $wait } noch einmal.
help-title = Was ich für dich tun kann
help-how-to-clone = Klone deine Stimme auf eine von drei Arten: { $cmd_clone } mit einer Aufnahme, „{ menu-clone-this-voice }“ auf deiner eigenen Sprachnachricht (in ihrem Apps-Menü), oder schick mir hier in unseren Direktnachrichten eine Sprachnachricht. Ich frage nach deiner Zustimmung, bevor etwas gesendet wird.
help-commands-title = Befehle, die du hier nutzen kannst
help-admin-title = Für die Admins dieses Servers
help-cmd-clone = { $cmd_clone }: klone deine Stimme aus einer Aufnahme
help-cmd-voices = { $cmd_voices }: deine Stimmen, zum Anhören, Umbenennen, als Standard Setzen oder Löschen
help-cmd-say = { $cmd_say }: sag etwas mit deiner geklonten Stimme
help-cmd-my-data = { $cmd_my_data }: lade alles herunter, was dieser Bot über dich speichert
help-cmd-forget-me = { $cmd_forget_me }: lösche deine Stimmen und alles über dich
help-cmd-help = { $cmd_help }: diese Übersicht
help-cmd-clone-settings = { $cmd_clone_settings }: zeige oder ändere die Einstellungen zum Stimmenklonen auf diesem Server
help-status-clone = Stimmenklonen auf diesem Server: { $state }
help-status-say = { $cmd_say } auf diesem Server: { $state }
help-status-dm = In unseren Direktnachrichten kannst du deine Stimme klonen und { $cmd_say } nutzen.
home-how-to-title = So klonst du deine Stimme
home-how-to = Öffne den Tab *Nachrichten* dieser App, nimm einen Clip auf, in dem du sprichst (10 bis 30 Sekunden), oder hänge eine Audiodatei an, und drücke „{ button-consent }“. Mit { $cmd_voices } verwaltest du deine Stimmen, mit { $cmd_say } sprichst du mit ihnen.
home-voices-title = Deine Stimmen
home-no-voices = Du hast noch keine Stimmen.
home-consents-title = Deine Zustimmungen
home-consent-line = { $when }: Zustimmungserklärung Version { $version }, auf { $language }
home-no-consents = Keine Zustimmung gespeichert.
home-settings-title = Einstellungen dieses Workspace (nur Admins)
button-my-data = Meine Daten herunterladen
button-forget-me = Vergiss mich
welcome-title = Willkommen! Ich kann deine Stimme klonen.
cmd-read-name = vorlesen
cmd-read-desc = Deine Nachrichten mit deiner geklonten Stimme vorlesen
cmd-read-on-name = an
cmd-read-on-desc = Meine Nachrichten im Sprachkanal vorlesen, in dem ich bin
cmd-read-on-opt-voice-name = stimme
cmd-read-on-opt-voice-desc = Welche deiner Stimmen (ohne Angabe deine Standardstimme)
cmd-read-off-name = aus
cmd-read-off-desc = Meine Nachrichten nicht mehr vorlesen
cmd-read-status-name = status
cmd-read-status-desc = Ist das Vorlesen meiner Nachrichten an?
