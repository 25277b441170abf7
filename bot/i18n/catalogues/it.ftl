### Italiano. Tradotto da en.ftl; si dà del tu, tono semplice e diretto come l’originale.

## Errori

error-internal = Qualcosa è andato storto da parte nostra.
error-internal-reference = Qualcosa è andato storto da parte nostra (riferimento { $reference }).
error-not-audio =
    In quel file non c’è audio che io riesca a leggere. Manda un messaggio vocale o un file audio (ogg, mp3, m4a, wav, flac, webm) in cui parli tu.
error-no-speech =
    In quella registrazione non sento nessuno parlare. Registrati mentre parli in modo chiaro, vicino al microfono, per 10-30 secondi.
error-too-short =
    In quella registrazione si parla troppo poco: servono almeno 3 secondi, e con 10-30 il clone viene meglio. Registra un messaggio più lungo e riprova.
error-too-large = Quel file è troppo grande. Manda una registrazione più corta: bastano e avanzano 30 secondi di parlato.
error-download-failed = Non sono riuscito a scaricare quel file. Rimandalo tra un attimo.
error-consent-required =
    Prima di clonare una voce mi serve il tuo consenso. Conferma che è la tua voce e che sei d’accordo a farla clonare.
error-cooldown = Lo stai facendo troppo spesso. Riprova { $wait }.
error-voice-limit-reached = Hai già il numero massimo di voci consentito qui: prima eliminane una.
next-step-delete-voice = Usa { $cmd_voice_delete } per eliminarne una.
error-disabled-here = Gli admin di questa community hanno disattivato questa funzione qui.
error-not-allowed = Qui non puoi farlo. Chiedi a un admin di questa community.
error-not-owner = Quella voce non è tua: puoi usare e gestire solo le tue voci.
error-voice-not-found = Non trovo quella voce tra le tue.
next-step-list-voices = Usa { $cmd_voices } per vedere le voci che hai.
error-busy = In questo momento sono occupato con altri cloni. Riprova tra un minuto.
error-quota-exhausted =
    La quota del servizio vocale di questo bot è esaurita. Un operatore deve ricaricarla; riprova più tardi.
error-clone-slots-full =
    L’account vocale di questo bot non ha più posti liberi per i cloni. Un operatore deve liberarne qualcuno; riprova più tardi.
error-bad-quality =
    Il servizio vocale ha trovato la registrazione troppo rumorosa o poco chiara. Registra di nuovo in una stanza silenziosa, vicino al microfono.
error-format-rejected =
    Il servizio vocale non è riuscito a leggere quell’audio. Prova con un’altra registrazione o un altro formato.
error-invalid-language = Il servizio vocale non supporta quella lingua.
error-service-misconfigured =
    Il bot non è configurato bene per il servizio vocale. Avvisa un operatore; non è una cosa che puoi sistemare tu.
error-service-unavailable = Il servizio vocale non risponde in questo momento. Riprova tra qualche minuto.
error-consent-expired =
    Questa richiesta è scaduta o ha già avuto risposta. Rimanda la tua registrazione per ricominciare.
error-not-your-button = Può rispondere solo chi ha fatto la richiesta.
error-restarting = Il bot si sta riavviando. Dai di nuovo il tuo consenso tra un minuto.
error-request-in-progress = La tua richiesta precedente per questa registrazione è ancora in lavorazione.
error-first-request-processing = La tua prima richiesta è ancora in elaborazione.
error-erased-during-clone =
    I tuoi dati sono stati cancellati mentre questo clone era in corso, quindi è stata eliminata anche la sua voce.
error-not-own-recording =
    Puoi clonare solo la tua voce: quella registrazione l’ha mandata qualcun altro.
error-clone-in-progress =
    Un clone della tua voce è ancora in corso. Esegui di nuovo { $cmd_forget_me } tra un minuto, quando avrà finito, e verrà eliminato anche quello.
error-no-voice-yet = Non hai ancora una voce: prima clonane una.
next-step-clone = Usa { $cmd_clone } con una registrazione in cui parli tu.
error-name-length = Il nome di una voce deve avere da 1 a { $max } caratteri.
error-description-length = Una descrizione può avere al massimo { $max } caratteri.
error-preview-not-ready = L’anteprima di questa voce è ancora in preparazione. Riprova tra un attimo.
error-field-update-not-allowed = Il servizio vocale non permette di modificare il campo «{ $field }» di una voce.
error-field-update-not-allowed-any = Il servizio vocale non permette di modificare quel campo di una voce.
error-role-required = Per clonare le voci ti serve il ruolo richiesto da questa community. Chiedi a un admin.
error-members-only = Qui la clonazione delle voci è riservata ai membri autorizzati dagli admin. Chiedi a un admin.
error-cloning-disabled = Gli admin di questa community hanno disattivato qui la clonazione delle voci.
error-say-disabled = Gli admin di questa community hanno disattivato qui { $cmd_say }.
error-settings-admins-only = Solo gli admin di questa community possono modificarne le impostazioni.
error-settings-view-admins-only = Solo gli admin di questa community possono vederne e modificarne le impostazioni.
error-settings-need-community = Le impostazioni appartengono a un server o a un workspace: eseguilo lì.
error-setting-unknown = Impostazione sconosciuta: { $name }. Impostazioni: { $known }.
error-setting-not-on-off = { $name } deve essere sì o no, non { $value }.
error-setting-not-number = { $name } deve essere un numero.
error-setting-out-of-range = { $name } deve essere compreso tra { $low } e { $high }.
error-setting-not-choice = { $name } deve essere uno di questi valori: { $choices }, non { $value }.
error-setting-not-channel = { $name } deve essere un canale di questa community, non { $value }.
error-setting-prefixes = { $name } accetta al massimo { $count } prefissi separati da spazi, ciascuno di al massimo { $length } caratteri.
error-say-nothing-left = Tolte le menzioni e i link, non resta niente da dire.
error-say-too-long =
    Quel testo è troppo lungo: al massimo { $max ->
        [one] { $max } carattere
       *[other] { $max } caratteri
    }.
error-say-recording-too-long = Quel testo darebbe una registrazione troppo lunga: dinne meno alla volta.
error-busy-says = In questo momento si sta dicendo molto. Riprova tra un minuto.
error-busy-community-says = In questa community si sta dicendo molto in questo momento. Riprova tra un minuto.
error-busy-member-speech =
    Hai già { $max ->
        [one] un messaggio vocale
       *[other] { $max } messaggi vocali
    } in preparazione, in coda o in riproduzione, il massimo alla volta: aspetta che uno sia finito.
error-voice-queue-full = La coda del canale vocale è piena ({ $max } al massimo): riprova quando sarà stata riprodotta.
error-voice-queue-seconds = C’è già molto da dire nel canale vocale: riprova tra un minuto.
error-voice-speech-too-long = Dirlo richiederebbe circa { $seconds } s, e un canale vocale accetta al massimo { $max } s alla volta: di’ meno o fai meno pause.
error-voice-speech-cut = Il tuo messaggio è stato interrotto dopo { $max } s, il massimo che un canale vocale riproduce alla volta.
error-no-speech-model = Nessuno dei modelli vocali parla ancora la lingua di questa voce.
error-file-empty = Quel file è vuoto. Manda un messaggio vocale o un file audio in cui parli tu.
error-video-no-sound = Quel video non ha audio. Manda un video o un file audio in cui parli.
error-recording-too-long =
    Quella registrazione è troppo lunga (il limite è { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minuti
    }). Mandane una più corta: bastano e avanzano 30 secondi di parlato.
error-file-too-large =
    Quel file è troppo grande (il limite è { $megabytes } MB). Manda una registrazione più corta: bastano e avanzano 30 secondi di parlato.
error-speech-too-short =
    In quella registrazione si parla solo per circa { NUMBER($seconds, maximumFractionDigits: 1) } s: ne servono almeno { $min } s, e con 10-30 il clone viene meglio. Registra un messaggio più lungo e riprova.
error-server-only = Funziona solo in un server.
error-interrupted-by-restart =
    Un riavvio del bot ha interrotto questa richiesta. Esegui di nuovo { $cmd_clone } con la tua registrazione.
error-message-gone = Non trovo più quel messaggio. Rimanda la tua registrazione.
error-recording-not-visible =
    Non riesco più a vedere quella registrazione. Usa di nuovo «{ menu-clone-this-voice }» su di essa, oppure mandamela in un messaggio diretto.
error-no-audio-attachment =
    Quel messaggio non ha allegati audio. Usalo su un messaggio vocale o su un file audio.
error-upload-too-large = Ne verrebbe una registrazione troppo lunga da pubblicare qui: dinne meno alla volta.
error-slack-sign-in-page =
    Non sono riuscito a scaricare la tua clip: Slack mi ha mandato una pagina di accesso al posto dell’audio, quindi a questa app manca il permesso files:read. Chiedi a un admin del workspace di aggiungere il permesso files:read e reinstallare l’app, poi rimanda la tua clip.
error-slack-clip-gone = Non trovo più quella clip: forse è stata eliminata. Rimandamela.
error-bad-quality-clipped =
    Questa registrazione è distorta: la tua voce satura (troppo forte per il microfono). Registra di nuovo un po’ più lontano dal microfono, o con il livello d’ingresso più basso.
error-bad-quality-quiet =
    Questa registrazione è troppo bassa per essere clonata. Registra di nuovo vicino al microfono, parlando a volume normale.
error-bad-quality-noisy =
    C’è troppo rumore di fondo: è forte quanto la tua voce. Registra di nuovo in una stanza silenziosa, vicino al microfono.
error-too-slow-to-read =
    Leggere questo file richiede troppo tempo. Invia una registrazione più breve o un formato comune (un messaggio vocale, mp3, m4a o wav).
error-too-much-memory =
    Leggere questo file richiede più memoria di quanta ne consenta. Invia una registrazione più breve o un formato comune (un messaggio vocale, mp3, m4a o wav).
error-unreadable-file =
    Non sono riuscito a leggere questo file. Invia un messaggio vocale o un formato audio comune (ogg, mp3, m4a, wav, flac).
tip-quiet = Suggerimento: parla più vicino al microfono; la registrazione è bassa.
tip-clipped =
    Suggerimento: tieni il microfono un po’ più lontano; le parti forti sono distorte.
tip-noisy =
    Suggerimento: registra in un posto più silenzioso; si sente rumore dietro la tua voce.
error-code-note = { $code }
error-code-note-reference = { $code } · riferimento { $reference }

## Consenso

consent-statement-version = 2026-12-01.1
consent-statement =
    Confermo che questa registrazione è la mia voce. Acconsento a che venga inviata all’Async Voice API per creare un clone vocale che potrò usare solo io, qui e nei miei messaggi diretti con questo bot. La registrazione in sé non viene conservata. Posso eliminare la voce in qualsiasi momento, o cancellare tutto ciò che mi riguarda con { $cmd_forget_me }.
consent-title = Prima di clonare questa voce
consent-title-slack = Clonare la tua voce da questa clip?
consent-title-slack-named = Clonare la tua voce da questa clip come { $name }?
consent-confirm-own-voice = Conferma che è proprio la tua voce.
consent-instructions =
    Premi «{ button-consent }» per procedere, oppure «{ button-cancel }». Finché non lo premi, non viene inviato niente da nessuna parte. Questa richiesta scade tra { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minuti
    }.
consent-only-you =
    Puoi rispondere solo tu. Questa richiesta scade tra { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minuti
    }.
consent-sent-to-dm = Ti ho mandato la richiesta di consenso in un messaggio diretto: rispondi lì.
consent-cancelled = Annullato: non è stato inviato né modificato niente.
consent-cancelled-clip = Annullato: non clonerò questa clip.

## Pulsanti

button-consent = Acconsento, è la mia voce
button-cancel = Annulla
button-erase-everything = Cancella tutto
button-preview = Ascolta
button-make-default = Imposta predefinita
button-delete = Elimina
button-keep = Tienila

## Avanzamento

progress-reading = Scarico la tua registrazione…
progress-reading-clip = Scarico la tua clip…
progress-converting = Converto l’audio…
progress-converting-clip = Converto la tua clip…
progress-cloning = Clono la tua voce, ci vuole qualche secondo…
progress-cloning-short = Clono la tua voce…
progress-preview = Recupero un’anteprima…
progress-working = Ci sto lavorando…
progress-erasing = Cancello…

## Risultati

clone-ready = La tua voce { $name } è pronta.
voice-languages = Lingue: { $languages }
languages-not-detected = non ancora rilevate
preview-link = Anteprima: { $url }
preview-listen = ascoltala
preview-posted-below = Anteprima: qui sotto.
preview-not-ready = L’anteprima non è ancora pronta: riprova tra un attimo.
preview-not-ready-slack = L’anteprima non è ancora pronta: prova { $cmd_voices } → { button-preview } tra un minuto.
clone-next-steps = Usala con { $cmd_say }; gestiscila con { $cmd_voices }.
clone-next-steps-slack = Usala con `{ $cmd_say } il tuo testo`; gestisci le tue voci con `{ $cmd_voices }`.
preview-title = Anteprima di { $name }
say-file-title = Clone vocale IA: { $name }
preview-of = Anteprima di { $name }: { $url }
preview-sent-to-dm = Ti ho mandato l’anteprima di { $name } in un messaggio diretto.
preview-named-not-ready = L’anteprima di { $name } non è ancora pronta: riprova tra un minuto.
renamed = Rinominata: { $voice }
default-voice-is = Voce predefinita: { $voice }
default-now = { $name } ora è la tua voce predefinita.
deleted = { $name } eliminata.
default-marker = predefinita
say-label = 🔊 Clone vocale IA di { $owner } («{ $voice }»): { $text }
say-usage = Dimmi cosa devo dire: `{ $cmd_say } Ciao a tutti!`
say-sent-to-dm =
    Non posso pubblicare in questo canale (prima invitami), quindi ti ho mandato l’audio in un messaggio diretto.

## Elenchi di voci

voices-title = Le tue voci
voices-title-count = Le tue voci ({ $count })
voices-none =
    Non hai ancora una voce clonata. Usa { $cmd_clone } con una registrazione in cui parli, oppure mandami un messaggio vocale in un messaggio diretto.
voices-none-short = Non hai ancora voci.
voices-none-slack = Non hai ancora voci. Mandami una clip audio in un messaggio diretto per clonare la tua.
voices-more = …e altre { $count }.
voices-more-slack = …e altre { $count }. Eliminane qualcuna per vedere qui le altre.
voices-count =
    Hai { $count ->
        [one] { $count } voce
       *[other] { $count } voci
    }.
delete-confirm-title = Eliminare questa voce?
delete-confirm-text = { $name } verrà eliminata per sempre.

## Dimenticami

forget-title = Cancellare tutto ciò che ti riguarda?
forget-body =
    Verranno eliminate tutte le tue voci clonate presso il servizio vocale e tutti i dati che questo bot conserva su di te. Non si può annullare.
forget-title-slack = Cancellare tutte le tue voci e tutto ciò che so di te?
forget-body-slack =
    Le tue voci clonate vengono eliminate dal servizio vocale, e le tue richieste, i tuoi consensi e la tua cronologia vengono cancellati. Non si può annullare.
forget-done =
    Fatto: tutto ciò che ti riguarda è stato cancellato ({ $voices ->
        [one] { $voices } voce eliminata
       *[other] { $voices } voci eliminate
    } presso il servizio vocale; { $requests ->
        [one] { $requests } richiesta
       *[other] { $requests } richieste
    }, { $consents ->
        [one] { $consents } consenso registrato
       *[other] { $consents } consensi registrati
    } e { $pending ->
        [one] { $pending } clic in sospeso
       *[other] { $pending } clic in sospeso
    } rimossi).
forget-done-slack =
    Fatto: ho eliminato { $voices ->
        [one] { $voices } voce
       *[other] { $voices } voci
    } e cancellato tutto ciò che sapevo di te.
forget-cancelled = Annullato: non è stato cancellato niente.

## Aiuto

dm-help =
    Mandami un messaggio vocale (o un file audio) in cui parli per 10-30 secondi, e clonerò la tua voce dopo la tua conferma. In un server, usa { $cmd_clone } oppure «{ menu-clone-this-voice }» su un tuo messaggio vocale.
how-to-record =
    Prima mi serve una registrazione della tua voce. Apri un messaggio diretto con me, premi il pulsante del microfono per registrare una clip audio (o allega un file audio), parla in modo chiaro per 10-30 secondi e inviala. Poi ti chiederò il consenso; oppure esegui `{ $cmd_clone } [nome]` entro { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minuti
    } dall’invio.

## Impostazioni di amministrazione

settings-title-server = Impostazioni di clonazione del server
settings-title = Impostazioni della clonazione vocale qui
settings-updated = { $name } aggiornato.
settings-cloning = Clonazione: { $value }
settings-say = { $cmd_say }: { $value }
settings-required-role = Ruolo richiesto: { $value }
settings-voices-per-member = Voci per membro: { $value }
settings-cooldown = Attesa tra due cloni: { $value }
settings-max-say = Lunghezza massima per { $cmd_say }: { $count ->
        [one] { $count } carattere
       *[other] { $count } caratteri
    }
settings-read = Lettura ad alta voce dei messaggi: { $value }
settings-read-channel = Canale di lettura: { $value }
settings-read-max = Messaggio più lungo letto: { $count ->
        [one] { $count } carattere
       *[other] { $count } caratteri
    }
settings-read-ignore-prefixes = Non letto se inizia con: { $value }
settings-read-emoji = Emoji: { $value }
settings-read-emoji-names = letti per nome
settings-read-emoji-off = omessi
settings-read-announce = Dire chi parla: { $value }
settings-read-announce-off = mai
settings-read-announce-on-change = quando nel frattempo ha parlato un altro membro
settings-read-rates = Caratteri letti al minuto: { $member } per membro, { $community } per il server
settings-change-hint = Per modificarne una: `{ $cmd_clone_settings } <impostazione> <valore>`.
settings-usage =
    Uso: `{ $cmd_clone_settings }` per vedere le impostazioni, `{ $cmd_clone_settings } <impostazione> <valore>` per modificarne una.
value-on = sì
value-off = no
value-none = nessuno
value-anyone = chiunque

read-code-block = un blocco di codice
read-spoiler = uno spoiler
read-link = un link a { $domain }
read-link-plain = un link
read-images = { $count ->
    [one] ha inviato un’immagine
    [many] ha inviato { $count } immagini
   *[other] ha inviato { $count } immagini
}
read-files = { $count ->
    [one] ha inviato un file
    [many] ha inviato { $count } file
   *[other] ha inviato { $count } file
}
read-sticker = ha inviato uno sticker: { $name }
read-sticker-unnamed = ha inviato uno sticker
read-forwarded = ha inoltrato un messaggio
read-and-more = e altro ancora

## Canali vocali (Discord).

say-posted-as-audio = Pubblicato qui come audio: non sei in un canale vocale in cui posso parlare.
voice-speaking-in = Sto parlando in { $channel }.
voice-queued-in = In coda in { $channel } ({ $position } prima).
voice-not-speaking = Qui non sto parlando in nessun canale vocale.
voice-stopped =
    Mi sono fermato e ho lasciato il canale vocale ({ $dropped ->
        [one] { $dropped } messaggio scartato
       *[other] { $dropped } messaggi scartati
    }).
voice-skipped = Saltato.
voice-nothing-playing = Non sta suonando niente.

## Reading messages aloud (/read, Discord).

read-announce = { $name }: { $text }
read-on-joined = Leggo ad alta voce i tuoi messaggi con { $voice }, in { $channel }. Scrivi nella sua chat finché ci sei.
read-on-elsewhere = La lettura è attiva, con { $voice }. Comincia quando io e te siamo nello stesso canale vocale: entra in uno e scrivi nella sua chat.
read-on-busy = La lettura è attiva, con { $voice }. Sto parlando in un altro canale vocale qui: comincia quando io e te siamo nello stesso canale.
read-off-done = La lettura dei tuoi messaggi è disattivata.
read-off-already = La lettura era già disattivata.
read-status-on = La lettura dei tuoi messaggi è attiva, con { $voice }.
read-status-off = La lettura dei tuoi messaggi è disattivata. Attivala con { $cmd_read_on }.
error-read-needs-message-content = Per leggere i messaggi ad alta voce il bot ha bisogno del loro contenuto, che non riceve. Un operatore deve attivare `Message Content Intent` nel portale sviluppatori di Discord (pagina Bot), impostare `DISCORD_MESSAGE_CONTENT=true` e riavviare il bot.
error-read-disabled = Gli admin di questa community hanno disattivato qui la lettura dei messaggi ad alta voce.
error-busy-reading = Troppi tuoi messaggi aspettano di essere letti.

## Comandi Discord

cmd-clone-name = clona
cmd-clone-desc = Clona la tua voce da una registrazione in cui parli
cmd-clone-opt-sample-name = registrazione
cmd-clone-opt-sample-desc = Un messaggio vocale o un file audio in cui parli (l’ideale è 10-30 secondi)
cmd-clone-opt-name-name = nome
cmd-clone-opt-name-desc = Un nome per la voce
cmd-clone-opt-description-name = descrizione
cmd-clone-opt-description-desc = Una breve descrizione della voce
cmd-clone-opt-accent-name = accento
cmd-clone-opt-accent-desc = L’accento, ad es. «Italiano (Svizzera)»
cmd-clone-opt-gender-name = genere
cmd-clone-opt-gender-desc = Il genere della voce
cmd-clone-opt-style-name = stile
cmd-clone-opt-style-desc = Stili di parlato, separati da virgole, ad es. «Narrativo»
cmd-clone-opt-enhance-name = migliora
cmd-clone-opt-enhance-desc = Togli il rumore di fondo prima della clonazione
cmd-clone-opt-transcript-name = trascrizione
cmd-clone-opt-transcript-desc = Quello che dici nella registrazione (migliora il clone)
cmd-voices-name = voci
cmd-voices-desc = Mostra le tue voci clonate
cmd-voice-name = voce
cmd-voice-desc = Gestisci una delle tue voci clonate
cmd-voice-preview-name = ascolta
cmd-voice-preview-desc = Ascolta un’anteprima di una delle tue voci
cmd-voice-preview-opt-voice-name = voce
cmd-voice-preview-opt-voice-desc = Quale voce (se non la indichi, la predefinita)
cmd-voice-rename-name = rinomina
cmd-voice-rename-desc = Rinomina una delle tue voci
cmd-voice-rename-opt-voice-name = voce
cmd-voice-rename-opt-voice-desc = Quale voce
cmd-voice-rename-opt-name-name = nome
cmd-voice-rename-opt-name-desc = Il nuovo nome
cmd-voice-rename-opt-description-name = descrizione
cmd-voice-rename-opt-description-desc = Una nuova descrizione
cmd-voice-default-name = predefinita
cmd-voice-default-desc = Rendi una delle tue voci quella predefinita per /{ cmd-say-name }
cmd-voice-default-opt-voice-name = voce
cmd-voice-default-opt-voice-desc = Quale voce
cmd-voice-delete-name = elimina
cmd-voice-delete-desc = Elimina una delle tue voci
cmd-voice-delete-opt-voice-name = voce
cmd-voice-delete-opt-voice-desc = Quale voce
cmd-forget-me-name = dimenticami
cmd-forget-me-desc = Cancella le tue voci e tutto ciò che ti riguarda
cmd-say-name = parla
cmd-say-desc = Di’ qualcosa con la tua voce clonata
cmd-say-opt-text-name = testo
cmd-say-opt-text-desc = Cosa dire
cmd-say-opt-voice-name = voce
cmd-say-opt-voice-desc = Quale delle tue voci (se non la indichi, la predefinita)
cmd-say-opt-private-name = privato
cmd-say-opt-private-desc = Lo senti solo tu
cmd-clone-settings-name = impostazioni-clonazione
cmd-clone-settings-desc = Mostra o modifica le impostazioni della clonazione vocale su questo server
cmd-clone-settings-opt-cloning-name = clonazione
cmd-clone-settings-opt-cloning-desc = Consenti qui la clonazione vocale
cmd-clone-settings-opt-say-name = parla
cmd-clone-settings-opt-say-desc = Consenti qui /{ cmd-say-name }
cmd-clone-settings-opt-required_role-name = ruolo_richiesto
cmd-clone-settings-opt-required_role-desc = Solo i membri con questo ruolo possono clonare e usare /{ cmd-say-name }
cmd-clone-settings-opt-no_required_role-name = nessun_ruolo_richiesto
cmd-clone-settings-opt-no_required_role-desc = Togli il ruolo richiesto
cmd-clone-settings-opt-voices_per_member-name = voci_per_membro
cmd-clone-settings-opt-voices_per_member-desc = Quante voci può avere ogni membro
cmd-clone-settings-opt-cooldown_seconds-name = attesa_secondi
cmd-clone-settings-opt-cooldown_seconds-desc = Secondi tra due cloni dello stesso membro
cmd-clone-settings-opt-max_say_length-name = lunghezza_max
cmd-clone-settings-opt-max_say_length-desc = Il testo più lungo per /{ cmd-say-name }, in caratteri
cmd-clone-settings-opt-read-name = lettura
cmd-clone-settings-opt-read-desc = Consenti qui la lettura ad alta voce dei messaggi dei membri
cmd-clone-settings-opt-read_channel-name = canale_di_lettura
cmd-clone-settings-opt-read_channel-desc = Un canale testuale i cui messaggi vengono letti anche
cmd-clone-settings-opt-no_read_channel-name = nessun_canale_di_lettura
cmd-clone-settings-opt-no_read_channel-desc = Togli il canale di lettura
cmd-clone-settings-opt-read_max_length-name = lettura_lunghezza_max
cmd-clone-settings-opt-read_max_length-desc = Il messaggio più lungo letto ad alta voce, in caratteri
cmd-clone-settings-opt-read_ignore_prefixes-name = lettura_prefissi_ignorati
cmd-clone-settings-opt-read_ignore_prefixes-desc = I messaggi che iniziano con questi non vengono letti (separati da spazi)
cmd-clone-settings-opt-read_emoji-name = lettura_emoji
cmd-clone-settings-opt-read_emoji-desc = Se le emoji vengono lette per nome
cmd-clone-settings-opt-read_announce-name = lettura_annuncia_nome
cmd-clone-settings-opt-read_announce-desc = Se il bot dice chi parla
cmd-clone-settings-opt-read_member_chars_per_minute-name = lettura_caratteri_per_membro
cmd-clone-settings-opt-read_member_chars_per_minute-desc = Caratteri letti al minuto per un membro
cmd-clone-settings-opt-read_server_chars_per_minute-name = lettura_caratteri_per_server
cmd-clone-settings-opt-read_server_chars_per_minute-desc = Caratteri letti al minuto per tutto il server
cmd-choice-male = Maschile
cmd-choice-female = Femminile
cmd-choice-neutral = Neutra
cmd-choice-unspecified = Non specificato
cmd-choice-read-their-names = Leggere il loro nome
cmd-choice-leave-them-out = Ometterle
cmd-choice-never = Mai
cmd-choice-when-another-member-spoke = Quando nel frattempo ha parlato un altro membro
menu-clone-this-voice = Clona questa voce
cmd-voice-stop-name = voce-ferma
cmd-voice-stop-desc = Smetti di parlare e lascia il canale vocale
cmd-voice-skip-name = voce-salta
cmd-voice-skip-desc = Salta ciò che il bot sta dicendo ora

## My data, help, the Slack Home tab and welcome.

cmd-my-data-name = miei-dati
cmd-my-data-desc = Scarica tutto ciò che questo bot conserva su di te
cmd-help-name = aiuto
cmd-help-desc = Cosa può fare questo bot per te qui
my-data-ready = Ecco tutto ciò che questo bot conserva su di te, come file JSON. Solo tu puoi vederlo.
error-my-data-cooldown = Puoi scaricare i tuoi dati una volta al minuto. Riprova { $wait }.
help-title = Cosa posso fare per te
help-how-to-clone = Clona la tua voce in uno di tre modi: { $cmd_clone } con una registrazione, «{ menu-clone-this-voice }» sul tuo messaggio vocale (nel suo menu App), oppure mandami un messaggio vocale qui nei messaggi diretti. Ti chiedo il consenso prima di inviare qualsiasi cosa.
help-commands-title = Comandi che puoi usare qui
help-admin-title = Per gli admin di questo server
help-cmd-clone = { $cmd_clone }: clona la tua voce da una registrazione
help-cmd-voices = { $cmd_voices }: le tue voci, per ascoltarle, rinominarle, sceglierne una predefinita o eliminarle
help-cmd-say = { $cmd_say }: di’ qualcosa con la tua voce clonata
help-cmd-my-data = { $cmd_my_data }: scarica tutto ciò che questo bot conserva su di te
help-cmd-forget-me = { $cmd_forget_me }: cancella le tue voci e tutto ciò che ti riguarda
help-cmd-help = { $cmd_help }: questa panoramica
help-cmd-clone-settings = { $cmd_clone_settings }: mostra o cambia le impostazioni di clonazione vocale di questo server
help-status-clone = Clonazione vocale in questo server: { $state }
help-status-say = { $cmd_say } in questo server: { $state }
help-status-dm = Nei nostri messaggi diretti puoi clonare la tua voce e usare { $cmd_say }.
home-how-to-title = Come clonare la tua voce
home-how-to = Apri la scheda *Messaggi* di questa app, registra una clip in cui parli (da 10 a 30 secondi) o allega un file audio, e premi «{ button-consent }». Poi usa { $cmd_voices } per gestire le tue voci e { $cmd_say } per parlare con loro.
home-voices-title = Le tue voci
home-no-voices = Non hai ancora nessuna voce.
home-consents-title = I tuoi consensi
home-consent-line = { $when }: dichiarazione di consenso versione { $version }, in { $language }
home-no-consents = Nessun consenso registrato.
home-settings-title = Impostazioni di questo workspace (solo admin)
button-my-data = Scarica i miei dati
button-forget-me = Dimenticami
welcome-title = Benvenuto! Posso clonare la tua voce.
cmd-read-name = leggi
cmd-read-desc = Leggi i tuoi messaggi ad alta voce con la tua voce clonata
cmd-read-on-name = attiva
cmd-read-on-desc = Leggi i miei messaggi ad alta voce nel canale vocale in cui sono
cmd-read-on-opt-voice-name = voce
cmd-read-on-opt-voice-desc = Quale delle tue voci (se non la indichi, la predefinita)
cmd-read-off-name = disattiva
cmd-read-off-desc = Smetti di leggere i miei messaggi ad alta voce
cmd-read-status-name = stato
cmd-read-status-desc = La lettura dei miei messaggi è attiva?
