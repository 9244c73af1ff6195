/*
 * The emojis the composer offers: a curated set agents use with customers, by category, each with English and
 * Portuguese search words, written without accents (searches ignore them). One line per emoji: the emoji, a space,
 * its words.
 */

export const EMOJI_CATEGORIES = ["smileys", "gestures", "hearts", "nature", "food", "activities", "objects", "symbols"] as const;
export type EmojiCategory = (typeof EMOJI_CATEGORIES)[number];

export interface Emoji {
  char: string;
  /** Lower-case search words without accents, English then Portuguese. */
  keywords: readonly string[];
}

const RAW: Record<EmojiCategory, string> = {
  smileys: `
😀 grinning smile happy sorriso feliz
😃 smiley happy joy sorriso alegre
😄 smile laugh happy sorriso risada
😁 grin teeth beaming sorrisao dentes
😆 laughing lol haha risada rindo
😅 sweat smile relief ufa suor alivio
🤣 rofl rolling laughing rolando de rir
😂 joy tears laughing lagrimas chorando de rir
🙂 slightly smiling smile sorrisinho
🙃 upside down irony de cabeca para baixo ironia
😉 wink piscadela piscando
😊 blush smiling happy corado feliz fofo
😇 innocent halo angel anjo inocente
🥰 in love hearts smiling apaixonado amor
😍 heart eyes love olhos de coracao apaixonado
🤩 star struck wow excited estrelas uau animado
😘 kiss blowing beijo mandando beijo
😋 yum delicious tasty gostoso delicioso
😛 tongue out lingua
😜 winking tongue joking brincadeira lingua
🤪 zany crazy goofy doido maluco
🤗 hug hugging abraco
🤭 oops giggle hand over mouth ops risinho
🤫 shush quiet secret silencio segredo
🤔 thinking hmm doubt pensando duvida
🤐 zipper mouth secret boca fechada
😐 neutral meh neutro
😑 expressionless blank sem expressao
😶 no mouth speechless sem palavras
😏 smirk sorriso de lado malicioso
😒 unamused bored entediado
🙄 eye roll revirando os olhos
😬 grimace awkward constrangido
😌 relieved calm aliviado tranquilo
😔 pensive sad pensativo triste
😴 sleeping zzz tired dormindo sono
😷 mask sick mascara doente
🤒 fever thermometer sick febre doente
🤧 sneeze cold flu espirro gripe resfriado
🥵 hot heat sweating calor quente
🥶 cold freezing frio congelando
🤯 mind blown shocked cabeca explodindo chocado
🥳 party celebrate birthday festa comemorar aniversario
😎 cool sunglasses oculos escuros legal
🤓 nerd geek nerd
😕 confused confuso
😟 worried preocupado
😮 surprised open mouth wow surpreso
😳 flushed embarrassed envergonhado
🥺 pleading puppy eyes please por favor carinha
😢 crying sad tear chorando triste lagrima
😭 sobbing crying loud chorando muito
😱 scream fear shocked grito medo
😞 disappointed decepcionado
😩 weary exhausted cansado exausto
🥱 yawn sleepy bocejo sono
😤 huff frustrated bufando frustrado
😡 angry rage furious bravo raiva furioso
🤬 cursing swearing palavrao xingando
💀 skull dead caveira morto
🤡 clown palhaco
👻 ghost fantasma
🤖 robot bot robo
`,
  gestures: `
👋 wave hello hi bye aceno oi ola tchau
✋ raised hand stop high five mao levantada pare
👌 ok perfect perfeito beleza
✌️ victory peace paz vitoria
🤞 fingers crossed luck hope dedos cruzados sorte
🤟 love you gesture te amo
🤙 call me hang loose me liga
👈 point left apontando esquerda
👉 point right apontando direita
👆 point up apontando cima
👇 point down apontando baixo
☝️ index up attention atencao um minuto
👍 thumbs up like yes ok joinha positivo sim curti
👎 thumbs down dislike no negativo nao
✊ raised fist punho
👊 fist bump punch soquinho
👏 clap applause palmas aplausos parabens
🙌 raising hands hooray celebration maos para cima comemoracao
🤲 palms up open hands palmas abertas
🤝 handshake deal agreement aperto de mao acordo negocio
🙏 pray please thanks por favor obrigado gratidao
✍️ writing escrevendo
💪 muscle strong flex forca forte
👀 eyes look watching olhos olhando
🧠 brain smart cerebro inteligente
👶 baby bebe
🧑‍💻 technologist computer developer programador computador
🤷 shrug dont know nao sei dar de ombros
🤦 facepalm mao na testa
🙋 raising hand question levantando a mao pergunta
🙅 no gesture not allowed gesto nao
🙆 ok gesture gesto ok
💁 tipping hand information informacao
🏃 running hurry correndo pressa
`,
  hearts: `
❤️ red heart love amor coracao vermelho
🧡 orange heart coracao laranja
💛 yellow heart coracao amarelo
💚 green heart coracao verde
💙 blue heart coracao azul
💜 purple heart coracao roxo
🖤 black heart coracao preto
🤍 white heart coracao branco
🤎 brown heart coracao marrom
💔 broken heart coracao partido
❣️ heart exclamation coracao exclamacao
💕 two hearts love dois coracoes
💞 revolving hearts coracoes girando
💓 beating heart coracao batendo
💗 growing heart coracao crescendo
💖 sparkling heart coracao brilhante
💘 heart arrow cupid cupido flecha
💝 heart ribbon gift coracao presente
💋 kiss mark lipstick beijo batom
😻 heart eyes cat gato apaixonado
🌹 rose flower rosa flor
`,
  nature: `
🐶 dog puppy cachorro
🐱 cat gato
🐭 mouse rato
🐰 rabbit bunny coelho
🦊 fox raposa
🐻 bear urso
🐼 panda panda
🐯 tiger tigre
🦁 lion leao
🐮 cow vaca
🐷 pig porco
🐸 frog sapo
🐵 monkey macaco
🙈 see no evil monkey macaco vergonha
🐔 chicken galinha
🐧 penguin pinguim
🐦 bird passaro
🦋 butterfly borboleta
🐝 bee abelha
🐢 turtle tartaruga
🐟 fish peixe
🐬 dolphin golfinho
🌸 cherry blossom flower flor de cerejeira
🌻 sunflower girassol
🌳 tree arvore
🌵 cactus cacto
🍀 four leaf clover luck trevo sorte
🍁 maple leaf autumn folha outono
☀️ sun sunny sol ensolarado
🌙 moon night lua noite
⭐ star estrela
🌈 rainbow arco-iris
⛅ cloudy nublado
🌧️ rain chuva
❄️ snow cold neve frio
🔥 fire hot lit fogo quente
💧 droplet water gota agua
🌊 wave ocean sea onda mar
`,
  food: `
🍎 apple maca
🍌 banana banana
🍇 grapes uvas
🍓 strawberry morango
🍉 watermelon melancia
🍍 pineapple abacaxi
🥑 avocado abacate
🍅 tomato tomate
🌽 corn milho
🥕 carrot cenoura
🍞 bread pao
🧀 cheese queijo
🍔 burger hamburguer lanche
🍟 fries batata frita
🍕 pizza pizza
🌭 hot dog cachorro-quente
🌮 taco taco
🍣 sushi sushi
🍝 pasta spaghetti macarrao
🍲 stew soup sopa
🍿 popcorn pipoca
🍰 cake slice bolo fatia
🎂 birthday cake bolo de aniversario
🍫 chocolate chocolate
🍩 donut rosquinha
🍦 ice cream sorvete
☕ coffee cafe
🍵 tea cha
🥤 soda drink refrigerante bebida
🍺 beer cerveja
🍷 wine vinho
🥂 cheers toast brinde
🍾 champagne celebrate champanhe comemorar
`,
  activities: `
⚽ soccer football ball futebol bola
🏀 basketball basquete
🎾 tennis tenis
🏆 trophy winner trofeu vencedor
🥇 gold medal first medalha de ouro primeiro
🎉 party popper tada celebration congratulations festa comemoracao parabens
🎊 confetti confete
🎈 balloon balao
🎁 gift present presente
🎄 christmas tree natal arvore
🎃 pumpkin halloween abobora
🎵 music note musica nota
🎶 music notes songs musicas
🎮 video game controller jogo videogame
🎬 movie film cinema filme
📸 camera flash photo foto camera
🚗 car carro
🚕 taxi taxi
🚌 bus onibus
🚚 delivery truck shipping caminhao entrega frete
🏍️ motorcycle moto motocicleta
🚲 bicycle bike bicicleta
✈️ airplane flight travel aviao voo viagem
🚀 rocket launch fast foguete lancamento
🏠 house home casa
🏢 office building predio escritorio
🏥 hospital hospital
🏖️ beach vacation praia ferias
🗺️ map mapa
📍 location pin address localizacao endereco alfinete
`,
  objects: `
📱 phone mobile cell celular telefone
💻 laptop computer notebook computador
🖥️ desktop monitor computador
⌨️ keyboard teclado
🖨️ printer impressora
📞 telephone call ligacao telefone chamada
📧 email e-mail
✉️ envelope letter mail carta envelope
📦 package box delivery parcel pacote caixa entrega encomenda
📄 document page documento pagina
📋 clipboard list prancheta lista
📅 calendar date schedule calendario data agenda
📌 pushpin pin tachinha fixar
📎 paperclip attachment clipe anexo
✂️ scissors tesoura
🖊️ pen caneta
📝 memo note notes nota anotacao
📚 books livros
🔍 search magnifying glass busca lupa
🔒 locked lock cadeado fechado
🔓 unlocked aberto destrancado
🔑 key password chave senha
💡 idea light bulb ideia lampada
⏰ alarm clock despertador
⏳ hourglass wait time ampulheta espera tempo
💰 money bag dinheiro saco
💵 dollar cash bill dinheiro nota
💳 credit card payment cartao de credito pagamento
🧾 receipt invoice recibo nota fiscal
🛒 shopping cart carrinho de compras
🛍️ shopping bags sacolas compras
🏷️ label tag price etiqueta preco
🎟️ ticket ingresso bilhete
🔔 bell notification sino notificacao
📢 loudspeaker announcement alto-falante anuncio
🔧 wrench fix repair chave inglesa conserto
🛠️ tools ferramentas
⚙️ gear settings engrenagem configuracoes
💊 pill medicine remedio
🩺 stethoscope doctor estetoscopio medico
`,
  symbols: `
✅ check done ok yes feito confirmado certo
✔️ check mark certo
❌ cross no wrong cancel errado nao cancelar
⚠️ warning caution atencao aviso cuidado
⛔ no entry proibido
🚫 prohibited forbidden proibido
❓ question mark pergunta duvida
❗ exclamation important exclamacao importante
‼️ double exclamation dupla exclamacao
💯 hundred perfect cem perfeito
🔴 red circle vermelho bolinha
🟢 green circle verde bolinha
🟡 yellow circle amarelo bolinha
🔵 blue circle azul bolinha
⬆️ up arrow seta para cima
⬇️ down arrow seta para baixo
➡️ right arrow seta para direita
⬅️ left arrow seta para esquerda
🔄 refresh repeat update atualizar repetir
🆕 new novo
🆓 free gratis
💬 speech balloon chat message mensagem conversa balao
💭 thought bubble pensamento
✨ sparkles shiny new brilho brilhante
⚡ lightning fast energy raio rapido energia
🎯 target goal bullseye alvo meta objetivo
♻️ recycle reciclar
`,
};

const parse = (block: string): Emoji[] =>
  block
    .trim()
    .split("\n")
    .map((line) => {
      const space = line.indexOf(" ");
      return { char: line.slice(0, space), keywords: line.slice(space + 1).split(" ") };
    });

export const EMOJIS: ReadonlyArray<{ category: EmojiCategory; emojis: Emoji[] }> = EMOJI_CATEGORIES.map((category) => ({
  category,
  emojis: parse(RAW[category]),
}));

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase();

/** Emojis with a word starting with each word of the query (case and accents ignored), in catalogue order. */
export function searchEmojis(query: string): Emoji[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return EMOJIS.flatMap((group) => group.emojis).filter((emoji) =>
    words.every((word) => emoji.keywords.some((keyword) => keyword.startsWith(word))),
  );
}

/** Whether a stored string is one of the offered emojis (recently used lists from older versions may hold others). */
export function isKnownEmoji(char: string): boolean {
  return EMOJIS.some((group) => group.emojis.some((emoji) => emoji.char === char));
}
