### Français. Traduit de en.ftl ; tutoiement, ton simple et direct comme l’original.

## Erreurs

error-internal = Quelque chose s’est mal passé de notre côté.
error-internal-reference = Quelque chose s’est mal passé de notre côté (référence { $reference }).
error-not-audio =
    Ce fichier ne contient pas de son que je sache lire. Envoie un message vocal ou un fichier audio (ogg, mp3, m4a, wav, flac, webm) où tu parles.
error-no-speech =
    Je n’entends personne parler dans cet enregistrement. Enregistre-toi en parlant distinctement, près du micro, pendant 10 à 30 secondes.
error-too-short =
    On parle trop peu dans cet enregistrement : il faut au moins 3 secondes, et 10 à 30 donnent le meilleur clone. Enregistre un message plus long et réessaie.
error-too-large = Ce fichier est trop lourd. Envoie un enregistrement plus court : 30 secondes de parole suffisent largement.
error-download-failed = Je n’ai pas pu télécharger ce fichier. Renvoie-le dans un instant.
error-consent-required =
    J’ai besoin de ton accord avant de cloner une voix. Confirme que c’est ta propre voix et que tu acceptes qu’elle soit clonée.
error-cooldown = Tu le fais trop souvent. Réessaie { $wait }.
error-voice-limit-reached = Tu as déjà le nombre maximal de voix autorisé ici : supprimes-en d’abord une.
next-step-delete-voice = Utilise { $cmd_voice_delete } pour en supprimer une.
error-disabled-here = Les admins de cette communauté ont désactivé cette fonction ici.
error-not-allowed = Tu n’as pas le droit de faire ça ici. Demande à un admin de cette communauté.
error-not-owner = Cette voix n’est pas la tienne : tu ne peux utiliser et gérer que tes propres voix.
error-voice-not-found = Je ne trouve pas cette voix parmi les tiennes.
next-step-list-voices = Utilise { $cmd_voices } pour voir les voix que tu as.
error-busy = Je suis occupé par d’autres clonages en ce moment. Réessaie dans une minute.
error-quota-exhausted =
    Le quota du service vocal de ce bot est épuisé. Un opérateur doit le recharger ; réessaie plus tard.
error-clone-slots-full =
    Le compte vocal de ce bot n’a plus de place libre pour un clone. Un opérateur doit en libérer ; réessaie plus tard.
error-bad-quality =
    Le service vocal a trouvé l’enregistrement trop bruyant ou pas assez net. Enregistre-toi à nouveau dans une pièce calme, près du micro.
error-format-rejected =
    Le service vocal n’a pas pu lire ce son. Essaie un autre enregistrement ou un autre format.
error-invalid-language = Le service vocal ne prend pas en charge cette langue.
error-service-misconfigured =
    Le bot n’est pas correctement configuré pour le service vocal. Préviens un opérateur ; tu ne peux pas régler ça toi-même.
error-service-unavailable = Le service vocal ne répond pas pour l’instant. Réessaie dans quelques minutes.
error-consent-expired =
    Cette demande a expiré ou a déjà reçu une réponse. Renvoie ton enregistrement pour recommencer.
error-not-your-button = Seule la personne qui a fait la demande peut y répondre.
error-restarting = Le bot redémarre. Redonne ton accord dans une minute.
error-request-in-progress = Ta demande précédente pour cet enregistrement est encore en cours de traitement.
error-first-request-processing = Ta première demande est encore en cours de traitement.
error-erased-during-clone =
    Tes données ont été effacées pendant ce clonage, sa voix a donc été supprimée elle aussi.
error-not-own-recording =
    Tu ne peux cloner que ta propre voix : cet enregistrement a été envoyé par quelqu’un d’autre.
error-clone-in-progress =
    Un clonage de ta voix est encore en cours. Relance { $cmd_forget_me } dans une minute, une fois qu’il sera terminé, et il sera supprimé lui aussi.
error-no-voice-yet = Tu n’as pas encore de voix : clones-en d’abord une.
next-step-clone = Utilise { $cmd_clone } avec un enregistrement où tu parles.
error-name-length = Le nom d’une voix doit faire entre 1 et { $max } caractères.
error-description-length = Une description peut faire au plus { $max } caractères.
error-preview-not-ready = L’aperçu de cette voix est encore en préparation. Réessaie dans un instant.
error-field-update-not-allowed = Le service vocal ne permet pas de modifier le champ « { $field } » d’une voix.
error-field-update-not-allowed-any = Le service vocal ne permet pas de modifier ce champ d’une voix.
error-role-required = Pour cloner des voix, il te faut le rôle exigé par cette communauté. Demande à un admin.
error-members-only = Ici, le clonage de voix est réservé aux membres autorisés par les admins. Demande à un admin.
error-cloning-disabled = Les admins de cette communauté ont désactivé le clonage de voix ici.
error-say-disabled = Les admins de cette communauté ont désactivé { $cmd_say } ici.
error-settings-admins-only = Seuls les admins de cette communauté peuvent modifier ses réglages.
error-settings-view-admins-only = Seuls les admins de cette communauté peuvent voir et modifier ses réglages.
error-settings-need-community = Les réglages appartiennent à un serveur ou à un espace de travail : lance la commande là-bas.
error-setting-unknown = Réglage inconnu : { $name }. Réglages : { $known }.
error-setting-not-on-off = { $name } doit valoir oui ou non, pas { $value }.
error-setting-not-number = { $name } doit être un nombre.
error-setting-out-of-range = { $name } doit être compris entre { $low } et { $high }.
error-setting-not-choice = { $name } doit valoir l’une de ces valeurs : { $choices }, pas { $value }.
error-setting-not-channel = { $name } doit être un salon de cette communauté, pas { $value }.
error-setting-prefixes = { $name } accepte au plus { $count } préfixes séparés par des espaces, chacun d’au plus { $length } caractères.
error-say-nothing-left = Une fois les mentions et les liens retirés, il ne reste plus rien à dire.
error-say-too-long =
    Ce texte est trop long : { $max ->
        [one] { $max } caractère
       *[other] { $max } caractères
    } au maximum.
error-say-recording-too-long = Ce texte donnerait un enregistrement trop long : dis-en moins à la fois.
error-busy-says = Beaucoup de choses sont dites en ce moment. Réessaie dans une minute.
error-busy-community-says = Beaucoup de choses sont dites dans cette communauté en ce moment. Réessaie dans une minute.
error-busy-member-speech =
    Tu as déjà { $max ->
        [one] un message vocal
       *[other] { $max } messages vocaux
    } en préparation, en attente ou en lecture, le maximum à la fois : attends qu’un soit terminé.
error-voice-queue-full = La file d’attente du salon vocal est pleine ({ $max } au maximum) : réessaie quand elle aura été lue.
error-voice-queue-seconds = Il y a déjà beaucoup à dire dans le salon vocal : réessaie dans une minute.
error-voice-speech-too-long = Cela prendrait environ { $seconds } s à dire, et un salon vocal accepte au plus { $max } s à la fois : dis-en moins, ou fais moins de pauses.
error-voice-speech-cut = Ton message a été coupé après { $max } s, le maximum qu’un salon vocal joue à la fois.
error-no-speech-model = Aucun des modèles vocaux ne parle encore la langue de cette voix.
error-file-empty = Ce fichier est vide. Envoie un message vocal ou un fichier audio où tu parles.
error-video-no-sound = Cette vidéo n’a pas de son. Envoie une vidéo ou un fichier audio où tu parles.
error-recording-too-long =
    Cet enregistrement est trop long (la limite est de { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }). Envoie-en un plus court : 30 secondes de parole suffisent largement.
error-file-too-large =
    Ce fichier est trop lourd (la limite est de { $megabytes } Mo). Envoie un enregistrement plus court : 30 secondes de parole suffisent largement.
error-speech-too-short =
    Cet enregistrement ne contient qu’environ { NUMBER($seconds, maximumFractionDigits: 1) } s de parole : il en faut au moins { $min } s, et 10 à 30 donnent le meilleur clone. Enregistre un message plus long et réessaie.
error-server-only = Ça ne marche que sur un serveur.
error-interrupted-by-restart =
    Un redémarrage du bot a interrompu cette demande. Relance { $cmd_clone } avec ton enregistrement.
error-message-gone = Je ne trouve plus ce message. Renvoie ton enregistrement.
error-recording-not-visible =
    Je ne vois plus cet enregistrement. Utilise à nouveau « { menu-clone-this-voice } » dessus, ou envoie-le-moi en message privé.
error-no-audio-attachment =
    Ce message n’a pas de pièce jointe audio. Utilise ceci sur un message vocal ou un fichier audio.
error-upload-too-large = Ça donne un enregistrement trop long pour être publié ici : dis-en moins à la fois.
error-slack-sign-in-page =
    Je n’ai pas pu télécharger ton clip : Slack m’a envoyé une page de connexion au lieu du son, ce qui veut dire qu’il manque à cette application la permission files:read. Demande à un admin de l’espace de travail d’ajouter la permission files:read et de réinstaller l’application, puis renvoie ton clip.
error-slack-clip-gone = Je ne trouve plus ce clip : il a peut-être été supprimé. Renvoie-le-moi.
error-bad-quality-clipped =
    Cet enregistrement est distordu : ta voix sature (trop forte pour le micro). Enregistre de nouveau un peu plus loin du micro, ou avec un niveau d’entrée plus bas.
error-bad-quality-quiet =
    Cet enregistrement est trop faible pour être cloné. Enregistre de nouveau près du micro, en parlant à un volume normal.
error-bad-quality-noisy =
    Il y a trop de bruit de fond : il est aussi fort que ta voix. Enregistre de nouveau dans une pièce calme, près du micro.
error-too-slow-to-read =
    Ce fichier est trop long à lire. Envoie un enregistrement plus court, ou un format courant (un message vocal, mp3, m4a ou wav).
error-too-much-memory =
    Ce fichier demande plus de mémoire que je n’en autorise pour le lire. Envoie un enregistrement plus court, ou un format courant (un message vocal, mp3, m4a ou wav).
error-unreadable-file =
    Je n’ai pas pu lire ce fichier. Envoie un message vocal ou un format audio courant (ogg, mp3, m4a, wav, flac).
tip-quiet = Astuce : parle plus près du micro ; l’enregistrement est faible.
tip-clipped = Astuce : éloigne un peu le micro ; les passages forts sont distordus.
tip-noisy =
    Astuce : enregistre dans un endroit plus calme ; on entend du bruit derrière ta voix.
error-code-note = { $code }
error-code-note-reference = { $code } · référence { $reference }

## Consentement

consent-statement-version = 2026-12-01.1
consent-statement =
    Je confirme que cet enregistrement est ma propre voix. J’accepte qu’il soit envoyé à l’Async Voice API pour créer un clone de ma voix que moi seul pourrai utiliser, ici et dans mes messages privés avec ce bot. L’enregistrement lui-même n’est pas conservé. Je peux supprimer la voix à tout moment, ou effacer tout ce qui me concerne avec { $cmd_forget_me }.
consent-title = Avant de cloner cette voix
consent-title-slack = Cloner ta voix à partir de ce clip ?
consent-title-slack-named = Cloner ta voix à partir de ce clip sous le nom { $name } ?
consent-confirm-own-voice = Confirme qu’il s’agit bien de ta propre voix.
consent-instructions =
    Appuie sur « { button-consent} » pour continuer, ou sur « { button-cancel } ». Rien n’est envoyé nulle part avant. Cette demande expire dans { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
consent-only-you =
    Toi seul peux répondre. Cette demande expire dans { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
consent-sent-to-dm = Je t’ai envoyé la demande d’accord en message privé : réponds-y là-bas.
consent-cancelled = Annulé : rien n’a été envoyé ni modifié.
consent-cancelled-clip = Annulé : je ne clonerai pas ce clip.

## Boutons

button-consent = J’accepte, c’est ma voix
button-cancel = Annuler
button-erase-everything = Tout effacer
button-preview = Écouter
button-make-default = Définir par défaut
button-delete = Supprimer
button-keep = La garder

## Progression

progress-reading = Téléchargement de ton enregistrement…
progress-reading-clip = Téléchargement de ton clip…
progress-converting = Conversion du son…
progress-converting-clip = Conversion de ton clip…
progress-cloning = Clonage de ta voix, ça prend quelques secondes…
progress-cloning-short = Clonage de ta voix…
progress-preview = Récupération d’un aperçu…
progress-working = Je m’en occupe…
progress-erasing = Effacement…

## Résultats

clone-ready = Ta voix { $name } est prête.
voice-languages = Langues : { $languages }
languages-not-detected = pas encore détectées
preview-link = Aperçu : { $url }
preview-listen = l’écouter
preview-posted-below = Aperçu : publié ci-dessous.
preview-not-ready = L’aperçu n’est pas encore prêt : réessaie dans un instant.
preview-not-ready-slack = L’aperçu n’est pas encore prêt : essaie { $cmd_voices } → { button-preview } dans une minute.
clone-next-steps = Utilise-la avec { $cmd_say } ; gère-la avec { $cmd_voices }.
clone-next-steps-slack = Utilise-la avec `{ $cmd_say } ton texte` ; gère tes voix avec `{ $cmd_voices }`.
preview-title = Aperçu de { $name }
say-file-title = Clone vocal par IA : { $name }
preview-of = Aperçu de { $name } : { $url }
preview-sent-to-dm = Je t’ai envoyé l’aperçu de { $name } en message privé.
preview-named-not-ready = L’aperçu de { $name } n’est pas encore prêt : réessaie dans une minute.
renamed = Renommée : { $voice }
default-voice-is = Voix par défaut : { $voice }
default-now = { $name } est maintenant ta voix par défaut.
deleted = { $name } supprimée.
default-marker = par défaut
say-label = 🔊 Clone vocal par IA de { $owner } (« { $voice } ») : { $text }
say-usage = Dis-moi quoi dire : `{ $cmd_say } Bonjour tout le monde !`
say-sent-to-dm =
    Je ne peux pas publier dans ce salon (invite-moi d’abord), alors je t’ai envoyé le son en message privé.

## Listes de voix

voices-title = Tes voix
voices-title-count = Tes voix ({ $count })
voices-none =
    Tu n’as pas encore de voix clonée. Utilise { $cmd_clone } avec un enregistrement où tu parles, ou envoie-moi un message vocal en message privé.
voices-none-short = Tu n’as pas encore de voix.
voices-none-slack = Tu n’as pas encore de voix. Envoie-moi un clip audio en message privé pour cloner la tienne.
voices-more = …et { $count } de plus.
voices-more-slack = …et { $count } de plus. Supprimes-en quelques-unes pour voir les autres ici.
voices-count =
    Tu as { $count ->
        [one] { $count } voix
       *[other] { $count } voix
    }.
delete-confirm-title = Supprimer cette voix ?
delete-confirm-text = { $name } sera supprimée définitivement.

## Oublie-moi

forget-title = Effacer tout ce qui te concerne ?
forget-body =
    Cela supprime toutes tes voix clonées auprès du service vocal et toutes les données que ce bot garde sur toi. C’est irréversible.
forget-title-slack = Effacer toutes tes voix et tout ce que je sais de toi ?
forget-body-slack =
    Tes voix clonées sont supprimées du service vocal, et tes demandes, tes accords et ton historique sont effacés. C’est irréversible.
forget-done =
    C’est fait : tout ce qui te concerne est effacé ({ $voices ->
        [one] { $voices } voix supprimée
       *[other] { $voices } voix supprimées
    } auprès du service vocal ; { $requests ->
        [one] { $requests } demande
       *[other] { $requests } demandes
    }, { $consents ->
        [one] { $consents } accord enregistré
       *[other] { $consents } accords enregistrés
    } et { $pending ->
        [one] { $pending } clic en attente
       *[other] { $pending } clics en attente
    } retirés).
forget-done-slack =
    C’est fait : j’ai supprimé { $voices ->
        [one] { $voices } voix
       *[other] { $voices } voix
    } et effacé tout ce que je savais de toi.
forget-cancelled = Annulé : rien n’a été effacé.

## Aide

dm-help =
    Envoie-moi un message vocal (ou un fichier audio) où tu parles 10 à 30 secondes, et je clonerai ta voix une fois que tu auras confirmé. Sur un serveur, utilise { $cmd_clone } ou « { menu-clone-this-voice } » sur ton propre message vocal.
how-to-record =
    J’ai d’abord besoin d’un enregistrement de ta voix. Ouvre une conversation privée avec moi, appuie sur le bouton micro pour enregistrer un clip audio (ou joins un fichier audio), parle distinctement pendant 10 à 30 secondes et envoie-le. Je te demanderai ensuite ton accord ; ou lance `{ $cmd_clone } [nom]` dans les { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } qui suivent l’envoi.

## Réglages d’administration

settings-title-server = Réglages du clonage de voix sur ce serveur
settings-title = Réglages du clonage de voix ici
settings-updated = { $name } mis à jour.
settings-cloning = Clonage : { $value }
settings-say = { $cmd_say } : { $value }
settings-required-role = Rôle requis : { $value }
settings-voices-per-member = Voix par membre : { $value }
settings-cooldown = Délai entre deux clonages : { $value }
settings-max-say = Longueur maximale pour { $cmd_say } : { $count ->
        [one] { $count } caractère
       *[other] { $count } caractères
    }
settings-read = Lecture des messages à voix haute : { $value }
settings-read-channel = Salon de lecture : { $value }
settings-read-max = Message le plus long lu : { $count ->
        [one] { $count } caractère
       *[other] { $count } caractères
    }
settings-read-ignore-prefixes = Pas lu s’il commence par : { $value }
settings-read-emoji = Émojis : { $value }
settings-read-emoji-names = lus par leur nom
settings-read-emoji-off = omis
settings-read-announce = Dire qui parle : { $value }
settings-read-announce-off = jamais
settings-read-announce-on-change = quand un autre membre a parlé entre-temps
settings-read-rates = Caractères lus par minute : { $member } par membre, { $community } pour le serveur
settings-change-hint = Pour en modifier un : `{ $cmd_clone_settings } <réglage> <valeur>`.
settings-usage =
    Utilisation : `{ $cmd_clone_settings }` pour voir les réglages, `{ $cmd_clone_settings } <réglage> <valeur>` pour en modifier un.
value-on = oui
value-off = non
value-none = aucun
value-anyone = tout le monde

read-code-block = un bloc de code
read-spoiler = un spoiler
read-link = un lien vers { $domain }
read-link-plain = un lien
read-images = { $count ->
    [one] a envoyé une image
    [many] a envoyé { $count } images
   *[other] a envoyé { $count } images
}
read-files = { $count ->
    [one] a envoyé un fichier
    [many] a envoyé { $count } fichiers
   *[other] a envoyé { $count } fichiers
}
read-sticker = a envoyé un autocollant : { $name }
read-sticker-unnamed = a envoyé un autocollant
read-forwarded = a transféré un message
read-and-more = et plus encore

## Salons vocaux (Discord).

say-posted-as-audio = Publié ici en audio : tu n’es dans aucun salon vocal où je peux parler.
voice-speaking-in = Je parle dans { $channel }.
voice-queued-in = En file d’attente dans { $channel } ({ $position } avant).
voice-not-speaking = Je ne parle dans aucun salon vocal ici.
voice-stopped =
    Arrêté, j’ai quitté le salon vocal ({ $dropped ->
        [one] { $dropped } message abandonné
       *[other] { $dropped } messages abandonnés
    }).
voice-skipped = Passé.
voice-nothing-playing = Rien n’est en cours de lecture.

## Reading messages aloud (/read, Discord).

read-announce = { $name } : { $text }
read-on-joined = Je lis tes messages à voix haute avec { $voice }, dans { $channel }. Écris dans son chat tant que tu y es.
read-on-elsewhere = La lecture est activée, avec { $voice }. Elle commence dès que toi et moi sommes dans le même salon vocal : rejoins-en un et écris dans son chat.
read-on-busy = La lecture est activée, avec { $voice }. Je parle dans un autre salon vocal ici : elle commence dès que toi et moi sommes dans le même salon.
read-off-done = La lecture de tes messages est désactivée.
read-off-already = La lecture était déjà désactivée.
read-status-on = La lecture de tes messages est activée, avec { $voice }.
read-status-off = La lecture de tes messages est désactivée. Active-la avec { $cmd_read_on }.
error-read-needs-message-content = Pour lire les messages à voix haute, le bot a besoin de leur contenu, qu’il ne reçoit pas. Un opérateur doit activer `Message Content Intent` dans le portail des développeurs Discord (page Bot), mettre `DISCORD_MESSAGE_CONTENT=true` et redémarrer le bot.
error-read-disabled = Les admins de cette communauté ont désactivé ici la lecture des messages à voix haute.
error-busy-reading = Trop de tes messages attendent d’être lus.

## Commandes Discord

cmd-clone-name = cloner
cmd-clone-desc = Clone ta voix à partir d’un enregistrement où tu parles
cmd-clone-opt-sample-name = enregistrement
cmd-clone-opt-sample-desc = Un message vocal ou un fichier audio où tu parles (10 à 30 secondes, c’est l’idéal)
cmd-clone-opt-name-name = nom
cmd-clone-opt-name-desc = Un nom pour la voix
cmd-clone-opt-description-name = description
cmd-clone-opt-description-desc = Une courte description de la voix
cmd-clone-opt-accent-name = accent
cmd-clone-opt-accent-desc = L’accent, par ex. « Français (Québec) »
cmd-clone-opt-gender-name = genre
cmd-clone-opt-gender-desc = Le genre de la voix
cmd-clone-opt-style-name = style
cmd-clone-opt-style-desc = Styles de parole, séparés par des virgules, par ex. « Narration »
cmd-clone-opt-enhance-name = débruiter
cmd-clone-opt-enhance-desc = Retirer le bruit de fond avant le clonage
cmd-clone-opt-transcript-name = transcription
cmd-clone-opt-transcript-desc = Ce que tu dis dans l’enregistrement (améliore le clone)
cmd-voices-name = mes-voix
cmd-voices-desc = Affiche tes voix clonées
cmd-voice-name = voix
cmd-voice-desc = Gère une de tes voix clonées
cmd-voice-preview-name = écouter
cmd-voice-preview-desc = Écoute un aperçu d’une de tes voix
cmd-voice-preview-opt-voice-name = voix
cmd-voice-preview-opt-voice-desc = Quelle voix (ta voix par défaut si tu n’en choisis pas)
cmd-voice-rename-name = renommer
cmd-voice-rename-desc = Renomme une de tes voix
cmd-voice-rename-opt-voice-name = voix
cmd-voice-rename-opt-voice-desc = Quelle voix
cmd-voice-rename-opt-name-name = nom
cmd-voice-rename-opt-name-desc = Le nouveau nom
cmd-voice-rename-opt-description-name = description
cmd-voice-rename-opt-description-desc = Une nouvelle description
cmd-voice-default-name = par-défaut
cmd-voice-default-desc = Fais d’une de tes voix la voix par défaut de /{ cmd-say-name }
cmd-voice-default-opt-voice-name = voix
cmd-voice-default-opt-voice-desc = Quelle voix
cmd-voice-delete-name = supprimer
cmd-voice-delete-desc = Supprime une de tes voix
cmd-voice-delete-opt-voice-name = voix
cmd-voice-delete-opt-voice-desc = Quelle voix
cmd-forget-me-name = oublie-moi
cmd-forget-me-desc = Efface tes voix et tout ce qui te concerne
cmd-say-name = dire
cmd-say-desc = Dis quelque chose avec ta voix clonée
cmd-say-opt-text-name = texte
cmd-say-opt-text-desc = Ce qu’il faut dire
cmd-say-opt-voice-name = voix
cmd-say-opt-voice-desc = Laquelle de tes voix (ta voix par défaut si tu n’en choisis pas)
cmd-say-opt-private-name = privé
cmd-say-opt-private-desc = Toi seul l’entends
cmd-clone-settings-name = réglages-clonage
cmd-clone-settings-desc = Affiche ou modifie les réglages du clonage de voix sur ce serveur
cmd-clone-settings-opt-cloning-name = clonage
cmd-clone-settings-opt-cloning-desc = Autoriser le clonage de voix ici
cmd-clone-settings-opt-say-name = dire
cmd-clone-settings-opt-say-desc = Autoriser /{ cmd-say-name } ici
cmd-clone-settings-opt-required_role-name = rôle_requis
cmd-clone-settings-opt-required_role-desc = Seuls les membres ayant ce rôle peuvent cloner et utiliser /{ cmd-say-name }
cmd-clone-settings-opt-no_required_role-name = aucun_rôle_requis
cmd-clone-settings-opt-no_required_role-desc = Retirer le rôle requis
cmd-clone-settings-opt-voices_per_member-name = voix_par_membre
cmd-clone-settings-opt-voices_per_member-desc = Combien de voix chaque membre peut avoir
cmd-clone-settings-opt-cooldown_seconds-name = délai_secondes
cmd-clone-settings-opt-cooldown_seconds-desc = Secondes entre deux clonages d’un même membre
cmd-clone-settings-opt-max_say_length-name = longueur_max
cmd-clone-settings-opt-max_say_length-desc = Le texte le plus long pour /{ cmd-say-name }, en caractères
cmd-clone-settings-opt-read-name = lecture
cmd-clone-settings-opt-read-desc = Autoriser ici la lecture à voix haute des messages des membres
cmd-clone-settings-opt-read_channel-name = salon_de_lecture
cmd-clone-settings-opt-read_channel-desc = Un salon textuel dont les messages sont lus aussi
cmd-clone-settings-opt-no_read_channel-name = aucun_salon_de_lecture
cmd-clone-settings-opt-no_read_channel-desc = Retirer le salon de lecture
cmd-clone-settings-opt-read_max_length-name = lecture_longueur_max
cmd-clone-settings-opt-read_max_length-desc = Le message le plus long lu à voix haute, en caractères
cmd-clone-settings-opt-read_ignore_prefixes-name = lecture_préfixes_ignorés
cmd-clone-settings-opt-read_ignore_prefixes-desc = Les messages qui commencent par ceux-ci ne sont pas lus (séparés par des espaces)
cmd-clone-settings-opt-read_emoji-name = lecture_émojis
cmd-clone-settings-opt-read_emoji-desc = Si les émojis sont lus par leur nom
cmd-clone-settings-opt-read_announce-name = lecture_annoncer_nom
cmd-clone-settings-opt-read_announce-desc = Si le bot dit qui parle
cmd-clone-settings-opt-read_member_chars_per_minute-name = lecture_caractères_par_membre
cmd-clone-settings-opt-read_member_chars_per_minute-desc = Caractères lus par minute pour un membre
cmd-clone-settings-opt-read_server_chars_per_minute-name = lecture_caractères_par_serveur
cmd-clone-settings-opt-read_server_chars_per_minute-desc = Caractères lus par minute pour tout le serveur
cmd-choice-male = Masculine
cmd-choice-female = Féminine
cmd-choice-neutral = Neutre
cmd-choice-unspecified = Non précisé
cmd-choice-read-their-names = Lire leur nom
cmd-choice-leave-them-out = Les omettre
cmd-choice-never = Jamais
cmd-choice-when-another-member-spoke = Quand un autre membre a parlé entre-temps
menu-clone-this-voice = Cloner cette voix
cmd-voice-stop-name = voix-arrêter
cmd-voice-stop-desc = Arrêter de parler et quitter le salon vocal
cmd-voice-skip-name = voix-passer
cmd-voice-skip-desc = Passer ce que le bot dit en ce moment

## My data, help, the Slack Home tab and welcome.

cmd-my-data-name = mes-donnees
cmd-my-data-desc = Télécharge tout ce que ce bot garde sur toi
cmd-help-name = aide
cmd-help-desc = Ce que ce bot peut faire pour toi ici
my-data-ready = Voici tout ce que ce bot garde sur toi, en fichier JSON. Toi seul peux le voir.
error-my-data-cooldown = Tu peux télécharger tes données une fois par minute. Réessaie { $wait }.
help-title = Ce que je peux faire pour toi
help-how-to-clone = Clone ta voix de l’une de trois façons : { $cmd_clone } avec un enregistrement, « { menu-clone-this-voice } » sur ton propre message vocal (dans son menu Applications), ou envoie-moi un message vocal ici, en message privé. Je te demande ton consentement avant d’envoyer quoi que ce soit.
help-commands-title = Commandes que tu peux utiliser ici
help-admin-title = Pour les admins de ce serveur
help-cmd-clone = { $cmd_clone } : clone ta voix à partir d’un enregistrement
help-cmd-voices = { $cmd_voices } : tes voix, pour les écouter, renommer, choisir celle par défaut ou les supprimer
help-cmd-say = { $cmd_say } : dis quelque chose avec ta voix clonée
help-cmd-my-data = { $cmd_my_data } : télécharge tout ce que ce bot garde sur toi
help-cmd-forget-me = { $cmd_forget_me } : efface tes voix et tout ce qui te concerne
help-cmd-help = { $cmd_help } : cet aperçu
help-cmd-clone-settings = { $cmd_clone_settings } : affiche ou modifie les réglages de clonage de voix de ce serveur
help-status-clone = Clonage de voix sur ce serveur : { $state }
help-status-say = { $cmd_say } sur ce serveur : { $state }
help-status-dm = Dans nos messages privés, tu peux cloner ta voix et utiliser { $cmd_say }.
home-how-to-title = Comment cloner ta voix
home-how-to = Ouvre l’onglet *Messages* de cette app, enregistre un clip où tu parles (10 à 30 secondes) ou joins un fichier audio, puis appuie sur « { button-consent } ». Utilise ensuite { $cmd_voices } pour gérer tes voix et { $cmd_say } pour parler avec elles.
home-voices-title = Tes voix
home-no-voices = Tu n’as pas encore de voix.
home-consents-title = Tes consentements
home-consent-line = { $when } : déclaration de consentement version { $version }, en { $language }
home-no-consents = Aucun consentement enregistré.
home-settings-title = Réglages de cet espace de travail (admins seulement)
button-my-data = Télécharger mes données
button-forget-me = Oublie-moi
welcome-title = Bienvenue ! Je peux cloner ta voix.
cmd-read-name = lire
cmd-read-desc = Lire tes messages à voix haute avec ta voix clonée
cmd-read-on-name = activer
cmd-read-on-desc = Lire mes messages à voix haute dans le salon vocal où je suis
cmd-read-on-opt-voice-name = voix
cmd-read-on-opt-voice-desc = Laquelle de tes voix (ta voix par défaut si tu n’en choisis pas)
cmd-read-off-name = désactiver
cmd-read-off-desc = Arrêter de lire mes messages à voix haute
cmd-read-status-name = état
cmd-read-status-desc = La lecture de mes messages est-elle activée ?
